// The secret shapes the private-key check refuses, as plain functions of text so
// that unit tests drive them with fake keys of the real shape. Each token shape
// is the issuer's fixed prefix with the exact length and character set of what
// follows (see docs/secrets.md for the list and its sources), matched without
// regular expressions. A token counts only as a whole word: the characters
// around it may not continue it, except that an escaped "\n", "\t" or "\r"
// (minified JSON, notebook metadata) ends the word before it.
#pragma once

#include <string>
#include <string_view>

namespace preflight::checks {

// The kind of secret on this line ("OpenAI API key", "private key", ...), or ""
// when there is none.
std::string_view find_secret(std::string_view line);

// When text starts with a UTF-16 byte order mark (little or big endian: a
// Windows .env, PowerShell's `>` output), fills utf8 with it as UTF-8 (a
// malformed unit becomes "?") and returns true; else returns false.
bool decode_utf16(std::string_view text, std::string& utf8);

} // namespace preflight::checks

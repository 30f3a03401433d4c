// The shapes come from the issuers' documentation of their token formats
// (GitHub's "Behind GitHub's new authentication token formats", GitLab's token
// overview, Slack's token types, Stripe's API keys, Google's API key format, npm
// and PyPI token announcements, AWS IAM identifiers, OpenAI and Anthropic key
// formats as their consoles issue them), cross-checked with gitleaks' rules.
#include "checks/secrets.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>

namespace preflight::checks {

namespace {

// [A-Za-z0-9_-], [A-Z0-9], [A-Za-z0-9], [A-Za-z0-9_], [A-Za-z0-9-]
enum class Chars { token, upper_digits, alnum, word, dashed };

struct TokenShape {
  std::string_view prefix;
  std::string_view name;
  std::size_t min_length; // characters after the prefix
  std::size_t max_length;
  Chars chars;
  std::string_view marker = {}; // must occur in what follows the prefix
  std::string_view suffix = {}; // what follows the prefix must end with this
  bool digit_first = false;     // what follows the prefix starts with a digit
};

constexpr std::size_t k_any = 1000;

constexpr TokenShape k_tokens[] = {
    // Anthropic before OpenAI: both start with "sk-".
    {"sk-ant-api03-", "Anthropic API key", 95, 95, Chars::token, {}, "AA"},
    {"sk-ant-admin01-", "Anthropic admin key", 95, 95, Chars::token, {}, "AA"},
    // sk-<48>, sk-proj-..., sk-svcacct-..., sk-admin-...: all hold "T3BlbkFJ"
    // (base64 of "OpenAI").
    {"sk-", "OpenAI API key", 40, 300, Chars::token, "T3BlbkFJ"},
    {"AKIA", "AWS access key id", 16, 16, Chars::upper_digits},
    {"ASIA", "AWS temporary access key id", 16, 16, Chars::upper_digits},
    {"ABIA", "AWS STS service bearer token id", 16, 16, Chars::upper_digits},
    {"ACCA", "AWS context-specific credential id", 16, 16, Chars::upper_digits},
    {"ghp_", "GitHub personal access token", 36, 36, Chars::alnum},
    {"gho_", "GitHub OAuth token", 36, 36, Chars::alnum},
    {"ghu_", "GitHub user-to-server token", 36, 36, Chars::alnum},
    {"ghs_", "GitHub server-to-server token", 36, 36, Chars::alnum},
    {"ghr_", "GitHub refresh token", 36, 36, Chars::alnum},
    {"github_pat_", "GitHub fine-grained token", 82, 82, Chars::word},
    {"glpat-", "GitLab personal access token", 20, 300, Chars::token},
    {"xoxb-", "Slack bot token", 20, 255, Chars::dashed, {}, {}, true},
    {"xoxp-", "Slack user token", 20, 255, Chars::dashed, {}, {}, true},
    {"xoxa-", "Slack app token", 20, 255, Chars::dashed, {}, {}, true},
    {"xoxr-", "Slack refresh token", 20, 255, Chars::dashed, {}, {}, true},
    {"xoxo-", "Slack token", 20, 255, Chars::dashed, {}, {}, true},
    {"xoxs-", "Slack session token", 20, 255, Chars::dashed, {}, {}, true},
    {"sk_live_", "Stripe live secret key", 24, 247, Chars::alnum},
    {"rk_live_", "Stripe live restricted key", 24, 247, Chars::alnum},
    {"AIza", "Google API key", 35, 35, Chars::token},
    {"hf_", "Hugging Face token", 34, 34, Chars::alnum},
    {"api_org_", "Hugging Face organization token", 34, 34, Chars::alnum},
    {"npm_", "npm access token", 36, 36, Chars::alnum},
    {"pypi-AgEIcHlwaS5vcmc", "PyPI API token", 50, k_any, Chars::token},
    {"pypi-AgENdGVzdC5weXBpLm9yZw", "TestPyPI API token", 50, k_any, Chars::token},
};

bool token_char(char c, Chars chars) {
  auto u = static_cast<unsigned char>(c);
  switch (chars) {
  case Chars::upper_digits: return std::isupper(u) || std::isdigit(u);
  case Chars::alnum: return std::isalnum(u);
  case Chars::word: return std::isalnum(u) || c == '_';
  case Chars::dashed: return std::isalnum(u) || c == '-';
  case Chars::token: break;
  }
  return std::isalnum(u) || c == '_' || c == '-';
}

// Whether a token may start at `at`: the character before it does not continue
// a word, or is the letter of an escape sequence (\n, \t, \r).
bool starts_word(std::string_view line, std::size_t at) {
  if (at == 0 || !token_char(line[at - 1], Chars::token))
    return true;
  char letter = line[at - 1];
  return at >= 2 && line[at - 2] == '\\' && (letter == 'n' || letter == 't' || letter == 'r');
}

bool matches(const TokenShape& shape, std::string_view line, std::size_t at) {
  std::size_t begin = at + shape.prefix.size();
  std::size_t end = begin;
  while (end < line.size() && end - begin <= shape.max_length && token_char(line[end], shape.chars))
    ++end;
  std::string_view body = line.substr(begin, end - begin);
  if (body.size() < shape.min_length || body.size() > shape.max_length)
    return false;
  if (end < line.size() && token_char(line[end], Chars::token))
    return false; // a longer word
  if (shape.digit_first && !std::isdigit(static_cast<unsigned char>(body[0])))
    return false;
  return body.find(shape.marker) != std::string_view::npos && body.ends_with(shape.suffix);
}

bool pem_private_key(std::string_view line) {
  // -----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----: RSA, DSA, EC, OPENSSH,
  // ENCRYPTED, PGP, SSH2 ENCRYPTED, plain PKCS#8 ...
  for (std::size_t at = line.find("-----BEGIN "); at != std::string_view::npos;
       at = line.find("-----BEGIN ", at + 1)) {
    std::size_t end = line.find("-----", at + 11);
    if (end == std::string_view::npos || end - at > 80)
      continue;
    std::string_view label = line.substr(at + 11, end - at - 11);
    if (label.ends_with(" BLOCK"))
      label.remove_suffix(6);
    if (label.ends_with("PRIVATE KEY"))
      return true;
  }
  return false;
}

// aws_secret_access_key = <40 characters of base64>, in any case and with the
// separators of ini files, YAML, JSON and environment files.
bool aws_secret(std::string_view line) {
  std::string lower(line);
  for (char& c : lower)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view name : {"secret_access_key", "secretaccesskey"}) {
    std::size_t key = lower.find(name);
    if (key == std::string::npos)
      continue;
    std::size_t at = line.find_first_of("=:", key);
    if (at == std::string_view::npos)
      continue;
    at = line.find_first_not_of(" \t\"'", at + 1);
    if (at == std::string_view::npos)
      continue;
    std::size_t end = at;
    while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) ||
                                 line[end] == '/' || line[end] == '+'))
      ++end;
    if (end - at == 40)
      return true;
  }
  return false;
}

} // namespace

std::string_view find_secret(std::string_view line) {
  if (pem_private_key(line))
    return "private key";
  if (std::size_t at = line.find("PuTTY-User-Key-File-");
      at != std::string_view::npos && starts_word(line, at))
    return "PuTTY private key";
  for (const TokenShape& shape : k_tokens)
    for (std::size_t at = line.find(shape.prefix); at != std::string_view::npos;
         at = line.find(shape.prefix, at + 1))
      if (starts_word(line, at) && matches(shape, line, at))
        return shape.name;
  if (aws_secret(line))
    return "AWS secret access key";
  return {};
}

// Decoded here rather than with iconv: a static binary's iconv loads the
// gconv modules of the machine it runs on, and where they are missing (another
// glibc, a slim container) iconv_open fails, which would hide every secret in
// UTF-16 files without a word (t-content-secrets.sh, "without gconv modules").
bool decode_utf16(std::string_view text, std::string& utf8) {
  bool le = text.starts_with("\xff\xfe");
  bool be = text.starts_with("\xfe\xff");
  if (!le && !be)
    return false;
  auto unit = [&](std::size_t at) -> std::uint32_t {
    auto lo = static_cast<unsigned char>(text[le ? at : at + 1]);
    auto hi = static_cast<unsigned char>(text[le ? at + 1 : at]);
    return static_cast<std::uint32_t>(hi) << 8 | lo;
  };
  utf8.clear();
  utf8.reserve(text.size() * 3 / 2);
  std::size_t at = 2;
  for (; at + 1 < text.size(); at += 2) {
    std::uint32_t code = unit(at);
    if (code >= 0xdc00 && code <= 0xdfff) {
      utf8 += '?'; // an unpaired low surrogate
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      std::uint32_t low = at + 3 < text.size() ? unit(at + 2) : 0;
      if (low < 0xdc00 || low > 0xdfff) {
        utf8 += '?'; // an unpaired high surrogate
        continue;
      }
      code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
      at += 2;
    }
    if (code < 0x80) {
      utf8 += static_cast<char>(code);
    } else if (code < 0x800) {
      utf8 += static_cast<char>(0xc0 | code >> 6);
      utf8 += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      utf8 += static_cast<char>(0xe0 | code >> 12);
      utf8 += static_cast<char>(0x80 | (code >> 6 & 0x3f));
      utf8 += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      utf8 += static_cast<char>(0xf0 | code >> 18);
      utf8 += static_cast<char>(0x80 | (code >> 12 & 0x3f));
      utf8 += static_cast<char>(0x80 | (code >> 6 & 0x3f));
      utf8 += static_cast<char>(0x80 | (code & 0x3f));
    }
  }
  if (at < text.size())
    utf8 += '?'; // an odd byte at the end
  return true;
}

} // namespace preflight::checks

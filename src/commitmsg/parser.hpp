// The Conventional Commits parser: header (type, scope, "!", subject), body,
// footers and breaking-change notes, from the lines cleanup left.
//
// Two readings, both hand-written scanners that are linear in the message size:
//  - commitlint: what conventional-commits-parser 6 does as commitlint drives
//    it (header /^(\w*)(?:\((.*)\))?!?: (.*)$/ with a greedy scope, notes and
//    issue references switch to the footer on any line, gpg: lines dropped);
//  - spec: Conventional Commits 1.0.0 read strictly (type [A-Za-z][A-Za-z0-9-]*,
//    scope without parentheses, exactly ": ", footers start at the first
//    "Token: " or "Token #" line after a blank line, BREAKING CHANGE upper case).
#pragma once

#include "commitmsg/message.hpp"
#include "commitmsg/references.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preflight::commitmsg {

enum class ParserMode { commitlint, spec };

std::optional<ParserMode> parser_mode_from_name(std::string_view name);

// A part of the header, as byte offsets into Commit::header.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// A breaking-change note ("BREAKING CHANGE: text").
struct Note {
  std::string title; // as written: "BREAKING CHANGE", "breaking change", ...
  std::string text;
  int line = 0;
};

struct Commit {
  bool empty = true; // no header: nothing left after cleanup

  std::string header;
  int header_line = 0;
  // Set when the header has the Conventional Commits shape. An empty match
  // (commitlint's "\w*" type, "()" scope, empty subject) is an empty optional
  // for scope and an empty string for type and subject, as commitlint has it.
  std::optional<std::string> type, scope, subject;
  Span type_span, scope_span, subject_span;
  bool bang = false; // "!" before ":"
  // spec mode: why the header is not a Conventional Commits header.
  std::optional<std::string> header_problem;
  std::size_t header_problem_at = 0; // byte offset in header

  std::vector<Line> body_lines;   // blank lines at either end removed
  std::vector<Line> footer_lines; // blank lines at either end removed
  std::string body;               // body_lines joined with "\n"
  std::string footer;             // footer_lines joined with "\n"
  std::vector<Note> notes;
  std::size_t references = 0; // issue references ("#123") in header, body and footer
};

// Parses the lines of a cleaned message. Empty lines before the header are
// skipped; with no non-empty line the commit is empty.
Commit parse_commit(const std::vector<Line>& lines, ParserMode mode);

// True when line matches /^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+/i;
// on success title and text receive the keyword as written and the rest.
bool match_commitlint_note(std::string_view line, std::string& title, std::string& text);

// The spec's footer token check: "BREAKING CHANGE", "BREAKING-CHANGE" or
// [A-Za-z0-9]+(-[A-Za-z0-9]+)* followed by ": " or " #". Returns the token length.
std::optional<std::size_t> spec_footer_token(std::string_view line);

} // namespace preflight::commitmsg

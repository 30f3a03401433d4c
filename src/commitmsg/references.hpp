// Issue references ("#123") as conventional-commits-parser 6.4 finds them with
// the options commitlint gives it: whether a line holds one decides where
// commitlint's footer starts.
#pragma once

#include <string_view>

namespace preflight::commitmsg {

// True when conventional-commits-parser's parseReferences finds a reference in
// line. When the line holds an action keyword (close, closes, closed, fix,
// fixes, fixed, resolve, resolves, resolved; any case, also inside a word such
// as "prefix") followed by whitespace, only the text after each keyword up to
// the next one is searched; otherwise the whole line. A searched text with an
// http(s):// URL in it holds no reference; elsewhere a reference is "#"
// followed by [\w-]+ and then whitespace, the end, or one of ",;)]".
bool has_reference(std::string_view line);

} // namespace preflight::commitmsg

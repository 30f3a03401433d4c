// commitlint parity on the shapes real histories hold: @commitlint/is-ignored
// 20.5.3's default ignores pattern by pattern (JavaScript regex semantics, the
// "m" flag on the merge patterns), conventional-commits-parser 6.4's references
// after action keywords (which decide where the footer starts), and stored
// messages judged as `commitlint --from/--to` judges them. Every expectation
// below was checked against commitlint's own modules (is-ignored, parse).
#include "commitmsg/ignores.hpp"
#include "commitmsg/lint.hpp"
#include "commitmsg/parser.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace preflight;
using namespace preflight::commitmsg;

namespace {

using test::checks;
using test::conventional;

std::string ignored(std::string_view text) {
  return std::string(default_ignore(text, IgnoreScope::any_line));
}

// Where conventional-commits-parser puts the lines after the header.
struct Split {
  std::string body, footer;
};

Split split(std::string_view text) {
  const Commit c =
      parse_commit(clean_message(text, Cleanup::verbatim, "").lines, ParserMode::commitlint);
  return {c.body, c.footer};
}

} // namespace

TEST_CASE("default ignore merge: a line starting Merge pull request, anywhere", "[commitmsg]") {
  // /^((Merge pull request)|(Merge (.*?) into (.*?)|(Merge branch (.*?)))(?:\r?\n)*$)/m
  CHECK(ignored("Merge pull request #12 from a/b\n\nfeat: x\n") == "merge");
  CHECK(ignored("feat: x\n\nMerge pull requests are fun\n") == "merge");
  CHECK(ignored("feat: x\r\nMerge pull request #1\r\n") == "merge");
  CHECK(ignored("feat: x\n\n  Merge pull request #1\n").empty());
  CHECK(ignored("Merge branch 'main' of github.com:a/b\n") == "merge");
  CHECK(ignored("feat: x\n\nMerge x into y  \n") == "merge");
  CHECK(ignored("feat: x\xE2\x80\xA8Merge branch 'a'\n") == "merge"); // U+2028 ends a line
  CHECK(ignored("Merge branch\n").empty());
  CHECK(ignored("Merge into y\n").empty());
  CHECK(ignored("merge branch 'a'\n").empty());
  // The header scope (commit_msg.ignore.scope: header) looks at the first line only.
  CHECK(default_ignore("feat: x\n\nMerge pull requests are fun\n", IgnoreScope::header).empty());
  CHECK(default_ignore("Merge pull requests are fun\n", IgnoreScope::header) == "merge");
}

TEST_CASE("default ignore merge-tag: any line starting Merge tag", "[commitmsg]") {
  CHECK(ignored("Merge tag 'v1.2.3' of https://x\n") == "merge-tag");
  CHECK(ignored("feat: a\n\nMerge tag 'v1'\n") == "merge-tag");
  CHECK(ignored("Merge tag\n").empty());
}

TEST_CASE("default ignore revert and reapply: the message starts with them", "[commitmsg]") {
  CHECK(ignored("Revert \"feat: x\"\n\nThis reverts commit abc.\n") == "revert");
  CHECK(ignored("revert \"x\"\n") == "revert");
  CHECK(ignored("revert: x\n").empty());
  CHECK(ignored("Revert\n").empty());
  CHECK(ignored("Reverted x\n").empty());
  CHECK(ignored("feat: x\n\nRevert \"y\"\n").empty());
  CHECK(ignored("Reapply \"feat: x\"\n") == "reapply");
  CHECK(ignored("reapply x\n") == "reapply");
  CHECK(ignored("Reapplied x\n").empty());
}

TEST_CASE("default ignore fixup: amend!, fixup!, squash! at the start", "[commitmsg]") {
  CHECK(ignored("fixup! feat: x\n") == "fixup");
  CHECK(ignored("squash! x\n") == "fixup");
  CHECK(ignored("amend! x\n") == "fixup");
  CHECK(ignored("fixup: x\n").empty());
  CHECK(ignored("Fixup! x\n").empty());
  CHECK(ignored("feat: x\n\nfixup! y\n").empty());
}

TEST_CASE("default ignore semver: a version, after chore(scope): and one marker of each kind",
          "[commitmsg]") {
  CHECK(ignored("v1.2.3\n") == "semver");
  CHECK(ignored("1.2.3") == "semver");
  CHECK(ignored("1.2.3\r\n") == "semver");
  CHECK(ignored("chore(release): 1.2.3 [skip ci]\n\nbody\n") == "semver");
  CHECK(ignored("chore: v1.2.3\n") == "semver");
  CHECK(ignored("chore(release): v1.2.3-beta.1 [SKIP CI]\n") == "semver");
  CHECK(ignored("1.2.3 [skip-ci]\n") == "semver");
  CHECK(ignored("1.2.3 [ci ci]\n") == "semver");
  CHECK(ignored("[skip ci] 1.2.3\n") == "semver");
  CHECK(ignored("1.2.3 [skip\xC2\xA0"
                "ci]\n") == "semver"); // \s includes U+00A0
  CHECK(ignored("1.2.3 (ci skip)\n") == "semver");
  CHECK(ignored("1.2.3 [skip ci] (ci skip)\n") == "semver");
  CHECK(ignored("1.2.3+build.01\n") == "semver");
  // replace() without "g": only the first bracketed marker goes.
  CHECK(ignored("1.2.3 [ci skip] [skip ci]\n").empty());
  CHECK(ignored("v1.2\n").empty());
  CHECK(ignored("01.2.3\n").empty());
  CHECK(ignored("1.2.3-01\n").empty());
  CHECK(ignored("V1.2.3\n").empty());
  CHECK(ignored("chore(): 1.2.3\n").empty());
  CHECK(ignored("Chore: 1.2.3\n").empty());
  CHECK(ignored("release 1.2.3\n").empty());
}

TEST_CASE("default ignore merged: Merged ... in/into ... and Merged PR n: on the first line",
          "[commitmsg]") {
  CHECK(ignored("Merged in feature/x (pull request #5)\n") == "merged");
  CHECK(ignored("Merged PR 12: title\n") == "merged");
  CHECK(ignored("Merged maintenance into x\n") == "merged");
  CHECK(ignored("Merged main\n").empty());
  CHECK(ignored("Merged\n in x\n").empty());
  CHECK(ignored("feat: x\n\nMerged in y\n").empty());
}

TEST_CASE("default ignores remote-tracking, Automatic merge, Auto-merged: at the start",
          "[commitmsg]") {
  CHECK(ignored("Merge remote-tracking branch 'origin/main'\n") == "remote-tracking-merge");
  CHECK(ignored("Merge remote-tracking branches\n") == "remote-tracking-merge");
  CHECK(ignored("feat: x\n\nMerge remote-tracking branch 'a'\n").empty());
  CHECK(ignored("Automatic merge from x\n") == "automatic-merge");
  CHECK(ignored("Automatic merges\n") == "automatic-merge");
  CHECK(ignored("feat: a\n\nAutomatic merge\n").empty());
  CHECK(ignored("Auto-merged a into b\n") == "auto-merged");
  CHECK(ignored("Auto-merged into b\n").empty());
  CHECK(ignored("feat: x\n\nAuto-merged a into b\n").empty());
}

TEST_CASE("no default ignore for Initial commit: it is linted", "[commitmsg]") {
  CHECK(ignored("Initial commit\n").empty());
  const LintResult r = lint({"Initial commit\n", std::nullopt, "MSG"}, conventional());
  CHECK(r.ignored_by.empty());
  CHECK(checks(r) == "E:subject-empty E:type-empty");
}

TEST_CASE("references: only the text after an action keyword is searched", "[commitmsg]") {
  // A URL before the keyword does not hide the reference after it.
  CHECK(split("feat: x\n\nsee https://x.test/a, fixes #12\n").footer ==
        "see https://x.test/a, fixes #12");
  CHECK(split("feat: x\n\nhttp://x.test fix #1\n").footer == "http://x.test fix #1");
  // A URL after the keyword does.
  CHECK(split("feat: x\n\nfixes #12 see https://x.test/a\n").body ==
        "fixes #12 see https://x.test/a");
  CHECK(split("feat: x\n\nfixed in #3, see https://x.test\n").body ==
        "fixed in #3, see https://x.test");
  // A reference before the only keyword is not searched.
  CHECK(split("feat: x\n\n#12 is fixed by this\n").body == "#12 is fixed by this");
  CHECK(split("feat: x\n\nIssue #12 is fixed by this\n").body == "Issue #12 is fixed by this");
  // Keywords inside words, in any case; several on one line.
  CHECK(split("feat: x\n\nadd prefix #12\n").footer == "add prefix #12");
  CHECK(split("feat: x\n\nFIXES #12\n").footer == "FIXES #12");
  CHECK(split("feat: x\n\nresolves #1 and closes #2\n").footer == "resolves #1 and closes #2");
  CHECK(split("feat: x\n\nsuffix #12.\n").body == "suffix #12.");
}

TEST_CASE("references: lines without an action keyword, and the URL test", "[commitmsg]") {
  // A keyword needs whitespace after it to count.
  CHECK(split("feat: x\n\nCloses: #12\n").footer == "Closes: #12");
  CHECK(split("feat: x\n\nprefix:#1\n").footer == "prefix:#1");
  CHECK(split("feat: x\n\nfixture #1 closes\n").footer == "fixture #1 closes");
  // The URL test is case-sensitive, wants a word boundary before "http" and a
  // word character after "://".
  CHECK(split("feat: x\n\nHTTP://x.test #12\n").footer == "HTTP://x.test #12");
  CHECK(split("feat: x\n\nsee xhttp://a.test #12\n").footer == "see xhttp://a.test #12");
  CHECK(split("feat: x\n\nsee http://./ #12\n").footer == "see http://./ #12");
  // U+2028 is whitespace after a keyword and ends the text searched.
  CHECK(split("feat: x\n\nfix\xE2\x80\xA8#1\n").footer == "fix\xE2\x80\xA8#1");
  CHECK(split("feat: x\n\nfix #1\xE2\x80\xA8"
              "b\n")
            .footer == "fix #1\xE2\x80\xA8"
                       "b");
}

TEST_CASE("references decide footer-leading-blank as commitlint does", "[commitmsg]") {
  const LintResult r = lint(
      {"feat: x\n\nbody\nsee https://x.test/a, fixes #12\n", std::nullopt, "MSG"}, conventional());
  CHECK(checks(r) == "W:footer-leading-blank");
  CHECK(checks(lint({"feat: x\n\nbody\nIssue #12 is fixed by this\n", std::nullopt, "MSG"},
                    conventional()))
            .empty());
}

TEST_CASE("a stored message is judged as stored: # lines are text", "[commitmsg]") {
  // In the hook's file a "#" line is a comment (commitlint --edit drops it too).
  const std::string text = "#123 add thing\nfeat: add thing\n";
  CHECK(checks(lint({text, std::nullopt, "MSG"}, conventional())).empty());
  // Stored, it is the header (commitlint --from/--to).
  LintInput stored{text, std::nullopt, "commit abc"};
  stored.stored = true;
  const LintResult r = lint(stored, conventional());
  CHECK(checks(r) == "W:body-leading-blank E:subject-empty E:type-empty");
  // A stored scissors line is text too: what follows it is body.
  const std::string cut = "feat: x\n\n# ------------------------ >8 ------------------------\n" +
                          std::string(120, 'w') + "\n";
  LintInput scissors{cut, std::nullopt, "commit abc"};
  scissors.stored = true;
  CHECK(checks(lint(scissors, conventional())) == "E:body-max-line-length");
}

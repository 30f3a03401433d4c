// preflight migrate's pieces: pre-commit regexes as gitignore patterns,
// command-line words, lefthook braces; and the arguments of hooks with
// commands only ({args}, {N}).
#include "commands/any_hook.hpp"
#include "config/schema.hpp"
#include "migrate/readers.hpp"

#include <catch2/catch.hpp>

namespace preflight::migrate {

using Strings = std::vector<std::string>;

TEST_CASE("pre-commit regexes of the simple shapes become gitignore patterns") {
  CHECK(globs_of_regex("\\.py$") == Strings{"*.py"});
  CHECK(globs_of_regex("setup\\.py$") == Strings{"*setup.py"});
  CHECK(globs_of_regex("^docs/") == Strings{"/docs/**"});
  CHECK(globs_of_regex("^(a|b)/.*\\.md$") == Strings{"/a/**/*.md", "/b/**/*.md"});
  CHECK(globs_of_regex("\\.(json|yml)") == Strings{"*.json*", "*.yml*"});
  CHECK(globs_of_regex("(?x)^(\n  src/CHANGELOG.md|\n  README.md\n)$") ==
        Strings{"/src/CHANGELOG.md", "/README.md"});
  CHECK(globs_of_regex("^tests/[^/]*\\.json$") == Strings{"/tests/*.json"});
}

TEST_CASE("regexes with no gitignore equivalent are refused, not guessed") {
  CHECK_FALSE(globs_of_regex("^src/[a-z]+\\.c$"));
  CHECK_FALSE(globs_of_regex("\\.ya?ml$"));
  CHECK_FALSE(globs_of_regex("^docs"));
  CHECK_FALSE(globs_of_regex("a/b"));
}

TEST_CASE("command lines split into words as sh would, without expansions") {
  CHECK(split_words("./tools/x.sh \"out file\" --flag") ==
        Strings{"./tools/x.sh", "out file", "--flag"});
  CHECK(split_words("sh -c 'echo $HOME && ls'") == Strings{"sh", "-c", "echo $HOME && ls"});
  CHECK(split_words("a\\ b \"c\\\"d\"") == Strings{"a b", "c\"d"});
  CHECK_FALSE(split_words("echo 'unbalanced"));
}

TEST_CASE("lefthook brace globs expand into several") {
  CHECK(expand_braces("*.{js,ts}") == Strings{"*.js", "*.ts"});
  CHECK(expand_braces("{a,b}/*.{c,h}") == Strings{"a/*.c", "a/*.h", "b/*.c", "b/*.h"});
  CHECK(expand_braces("plain") == Strings{"plain"});
}

TEST_CASE("pre-commit hook names map to rules sections") {
  CHECK(section_of_hook("pre-commit") == "pre_commit");
  CHECK(section_of_hook("post-merge") == "post_merge");
  CHECK(section_of_hook("post-checkout").empty());
  CHECK(section_of_hook("pre-receive").empty());
}

} // namespace preflight::migrate

namespace preflight::commands {

using Strings = std::vector<std::string>;

TEST_CASE("hook arguments fill {args}, {0} and {N} in a run list") {
  Strings args{"main", "topic branch"};
  CHECK(with_hook_arguments({"echo", "{args}"}, args) == Strings{"echo", "main", "topic branch"});
  CHECK(with_hook_arguments({"echo", "{0}", "x"}, args) ==
        Strings{"echo", "main", "topic branch", "x"});
  CHECK(with_hook_arguments({"--onto={1}", "{2}", "{3}"}, args) ==
        Strings{"--onto=main", "topic branch", ""});
  CHECK(with_hook_arguments({"{x}", "{", "{1"}, args) == Strings{"{x}", "{", "{1"});
}

TEST_CASE("every hook with commands only has its keys in the key table") {
  for (const AnyHook& hook : any_hooks()) {
    std::string section(hook.section);
    CHECK(config::find_key(section));
    CHECK(config::find_key(section + ".commands[].run"));
  }
}

} // namespace preflight::commands

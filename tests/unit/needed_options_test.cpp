// Which options a subcommand sets up in CLI11: those its command line uses,
// or all of them when help is asked for or a word is not one of its options.
#include "cli/needed_options.hpp"

#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

using preflight::cli::NeededOptions;

namespace {

NeededOptions needed(std::vector<std::string_view> args) {
  return NeededOptions(args, {"-C", "--format", "--dry-run", "--keep-count", "-m", "--mode", "-f",
                              "--force", "-t", "--textconv", "--extra-keys"});
}

} // namespace

TEST_CASE("only the options on the command line are set up", "[cli]") {
  NeededOptions n = needed({"--textconv", "--extra-keys", "metadata.a", "nb.ipynb"});
  CHECK_FALSE(n.all());
  CHECK(n("-t,--textconv"));
  CHECK(n("--extra-keys"));
  CHECK_FALSE(n("--dry-run"));
  CHECK_FALSE(n("-m,--mode"));
  CHECK_FALSE(n("-f,--force"));
  CHECK(n("files")); // positional arguments are always set up
}

TEST_CASE("values after = and the short or long name both count", "[cli]") {
  NeededOptions n = needed({"--mode=zeppelin", "--format", "json", "x.zpln"});
  CHECK(n("-m,--mode"));
  CHECK(n("--format"));
  CHECK_FALSE(n("--textconv"));
  NeededOptions s = needed({"-m", "zeppelin"});
  CHECK(s("-m,--mode"));
  CHECK_FALSE(s("-t,--textconv"));
}

TEST_CASE("short flags given together each count", "[cli]") {
  NeededOptions n = needed({"-ft", "nb.ipynb"});
  CHECK_FALSE(n.all());
  CHECK(n("-f,--force"));
  CHECK(n("-t,--textconv"));
  CHECK_FALSE(n("-m,--mode"));
  CHECK(needed({"-mzeppelin"})("-m,--mode"));
}

TEST_CASE("help sets up every option", "[cli]") {
  for (std::vector<std::string_view> args : {std::vector<std::string_view>{"--help"},
                                             {"nb.ipynb", "-h"},
                                             {"--help-all"},
                                             {"-th"},
                                             {"-fh", "x"}}) {
    NeededOptions n = needed(args);
    CHECK(n.all());
    CHECK(n("--dry-run"));
    CHECK(n("-m,--mode"));
  }
}

TEST_CASE("a word that is no option sets up every option for CLI11's error", "[cli]") {
  CHECK(needed({"--textconv", "--bogus"}).all());
  CHECK(needed({"--keep-counts"}).all()); // no abbreviations or near names
  CHECK(needed({"-x"}).all());
  CHECK(needed({"--max-size", "-1"}).all()); // a value that looks like an option
  CHECK(needed({"--bogus"})("--dry-run"));
}

TEST_CASE("words after -- are positional", "[cli]") {
  NeededOptions n = needed({"--textconv", "--", "--dry-run", "--bogus", "-h"});
  CHECK_FALSE(n.all());
  CHECK(n("-t,--textconv"));
  CHECK_FALSE(n("--dry-run"));
}

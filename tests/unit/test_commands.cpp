// Team commands: reading them from rules, choosing files, batching under the
// argument limit, and grouping for parallel runs.
#include "checks/required.hpp"
#include "commands/execute.hpp"
#include "commands/spec.hpp"
#include "commands/trust.hpp"
#include "config/schema.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

namespace preflight::commands {

namespace {

CommandSpec spec(std::vector<std::string> glob = {}, std::string root = "") {
  CommandSpec s;
  s.name = "x";
  s.argv = {"true"};
  s.glob = std::move(glob);
  s.root = std::move(root);
  return s;
}

} // namespace

TEST_CASE("commands are read with their defaults and a shell form") {
  auto rules = test::load_rules("extends: []\n"
                                "pre_commit:\n"
                                "  commands:\n"
                                "    - name: fmt\n"
                                "      run: [black, -q]\n"
                                "      glob: '*.py'\n"
                                "      stage_fixed: true\n"
                                "    - name: lint\n"
                                "      run: 'ruff check \"$@\"'\n"
                                "      root: ./web//\n"
                                "      env: {A: b}\n");
  auto specs = read_commands(rules, checks::Hook::pre_commit);
  REQUIRE(specs.size() == 2);
  CHECK(specs[0].argv == std::vector<std::string>{"black", "-q"});
  CHECK(specs[0].glob == std::vector<std::string>{"*.py"});
  CHECK(specs[0].stage_fixed);
  CHECK_FALSE(specs[0].fail_on_changes);
  CHECK(specs[0].pass_files);
  CHECK(specs[1].shell);
  CHECK(specs[1].argv == std::vector<std::string>{"sh", "-c", "ruff check \"$@\"", "lint"});
  CHECK(specs[1].root == "web");
  CHECK(specs[1].fail_on_changes);
  CHECK(specs[1].env == std::vector<std::pair<std::string, std::string>>{{"A", "b"}});
  CHECK(read_commands(rules, checks::Hook::pre_push).empty());
}

TEST_CASE("bad commands are reported with their locations") {
  auto rules = test::load_rules("pre_commit:\n"
                                "  commands:\n"
                                "    - name: a\n"
                                "      run: [x]\n"
                                "    - name: a\n"
                                "      run: [y]\n"
                                "      root: ../out\n"
                                "    - run: [z]\n");
  try {
    read_commands(rules, checks::Hook::pre_commit);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) ==
          ".preflight.yaml:5:13: two commands are named \"a\"\n"
          ".preflight.yaml:7:13: root must be a folder inside the repository\n"
          ".preflight.yaml:8:7: a command needs a name (what output and SKIP= call it)");
  }
}

// A timeout is turned into a deadline in nanoseconds: one too large wrapped into
// the past and the command was killed at once.
TEST_CASE("timeouts are read within a day") {
  auto read_timeout = [](const std::string& value) {
    auto rules = test::load_rules("pre_commit:\n"
                                  "  commands:\n"
                                  "    - name: a\n"
                                  "      run: [x]\n"
                                  "      timeout: " +
                                  value + "\n");
    try {
      return std::to_string(read_commands(rules, checks::Hook::pre_commit).at(0).timeout.count());
    } catch (const Error& e) {
      return std::string(e.what());
    }
  };
  CHECK(read_timeout("1") == "1");
  CHECK(read_timeout("86400") == "86400");
  const std::string bad = ".preflight.yaml:5:16: timeout must be from 1 to 86400 seconds (a day)";
  CHECK(read_timeout("86401") == bad);
  CHECK(read_timeout("9223372036854775") == bad);
  CHECK(read_timeout("9223372036854775807") == bad);
  CHECK(read_timeout("0") == bad);
  CHECK(read_timeout("-5") == bad);
}

TEST_CASE("files are chosen by root, glob and exclude") {
  std::vector<std::string> files{"a.py", "web/b.ts", "web/c.py", "web/sub/d.ts", "-x.ts"};
  CHECK(select_files(spec(), files) == files);
  CHECK(select_files(spec({"*.ts"}), files) ==
        std::vector<std::string>{"web/b.ts", "web/sub/d.ts", "-x.ts"});
  CHECK(select_files(spec({"*.ts"}, "web"), files) == std::vector<std::string>{"b.ts", "sub/d.ts"});
  CommandSpec excluding = spec({"*.ts"});
  excluding.exclude = {"sub/"};
  CHECK(select_files(excluding, files) == std::vector<std::string>{"web/b.ts", "-x.ts"});
  CHECK(file_argument("-x.ts") == "./-x.ts");
  CHECK(file_argument("a/-x.ts") == "a/-x.ts");
}

TEST_CASE("long file lists are split under the argument budget") {
  std::vector<std::string> files;
  for (int i = 0; i < 100; ++i)
    files.push_back(std::string(91, 'a') + std::to_string(100 + i)); // 94 bytes + 1 + 8 = 103
  std::vector<std::string> argv{"tool"};                             // 5 + 8, + 8 for the null
  auto parts = batches(argv, files, 21 + 103 * 10);
  REQUIRE(parts.size() == 10);
  std::size_t total = 0;
  for (const auto& part : parts) {
    CHECK(part.size() == 10);
    total += part.size();
  }
  CHECK(total == 100);
  CHECK(batches(argv, {}, 100).size() == 1);
  CHECK(batches(argv, {std::string(500, 'x')}, 100).size() == 1); // too long alone: its own part
}

TEST_CASE("commands run together only on disjoint files or when all read only") {
  CommandSpec py = spec({"*.py"}), ts = spec({"*.ts"}), all = spec(), reader = spec();
  reader.read_only = true;
  CommandSpec reader2 = reader;
  std::vector<Planned> planned{{&py, {"a.py"}},
                               {&ts, {"b.ts"}},
                               {&all, {"a.py", "b.ts"}},
                               {&reader, {"a.py"}},
                               {&reader2, {"a.py"}}};
  auto groups = schedule(planned, true);
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].size() == 2); // py + ts
  CHECK(groups[1].size() == 1); // all overlaps both
  CHECK(groups[2].size() == 2); // two readers
  CHECK(schedule(planned, false).size() == 5);
  CommandSpec whole = spec();
  whole.pass_files = false;
  std::vector<Planned> with_whole{{&py, {"a.py"}}, {&whole, {"b.ts"}}};
  CHECK(schedule(with_whole, true).size() == 2);
  // The same list twice overlaps; the same relative names under other roots do not.
  CommandSpec first = spec(), second = spec(), in_a = spec(), in_b = spec();
  in_a.root = "a";
  in_b.root = "b";
  std::vector<Planned> same{{&first, {"x.py", "y.py"}}, {&second, {"x.py", "y.py"}}};
  CHECK(schedule(same, true).size() == 2);
  std::vector<Planned> roots{{&in_a, {"x.py"}}, {&in_b, {"x.py"}}};
  CHECK(schedule(roots, true).size() == 1);
}

TEST_CASE("sha256 matches the standard test vector") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

} // namespace preflight::commands

namespace preflight::checks {

TEST_CASE("required checks come from checks.<section>.required") {
  auto rules = test::load_rules("checks:\n  checkpoints:\n    required: true\n");
  CHECK(required_check_ids(rules) == std::vector<std::string>{"checkpoint"});
  for (const RequiredKey& key : requirable_checks())
    CHECK(config::find_key("checks." + std::string(key.section) + ".required"));
}

TEST_CASE("SKIP of a group that holds required checks skips only the others") {
  using Skipped = std::set<std::string, std::less<>>;
  Skipped skipped{"content", "ruff"};
  CHECK(split_skipped_groups(skipped, {}).empty());
  CHECK(skipped == Skipped{"content", "ruff"}); // nothing required: the group is skipped whole
  CHECK(split_skipped_groups(skipped, {"private-key"}) == std::vector<std::string>{"content"});
  CHECK(skipped == Skipped{"broken-symlink", "case-conflict", "checkpoint", "conflict-marker",
                           "large-file", "lfs-pointer", "ruff"});
  skipped = {"push"};
  CHECK(split_skipped_groups(skipped, {"checkpoint", "lfs-pointer"}) ==
        std::vector<std::string>{"push"});
  CHECK(skipped == Skipped{"backup-branch", "broken-symlink", "case-conflict", "commit-message",
                           "conflict-marker", "large-file", "notebook", "private-key",
                           "protected-branch"});
}

} // namespace preflight::checks

// Backup names, operation classification, policy and pruning.
#include "backup/naming.hpp"
#include "backup/policy.hpp"
#include "backup/reset_args.hpp"

#include <catch2/catch.hpp>

using namespace preflight::backup;

TEST_CASE("backup names round-trip, with slashes in branch names", "[backup]") {
  std::time_t when = 1767225600; // 2026-01-01T00:00:00Z
  CHECK(format_time(when) == "20260101T000000Z");
  CHECK(parse_time("20260101T000000Z") == when);
  CHECK_FALSE(parse_time("20261301T000000Z"));
  // Times no backup name gets, which timegm would move to another time (found
  // by tests/fuzz/fuzz_backup_policy.cpp).
  CHECK_FALSE(parse_time("20251231T235960Z"));
  CHECK_FALSE(parse_time("20260231T000000Z"));
  CHECK(parse_time("20240229T120000Z"));
  CHECK_FALSE(parse_time("2026-01-01T00:0"));
  std::string name = backup_branch(k_namespace, "feature/x", when, "abcdef0123456789");
  CHECK(name == "backup/feature/x/20260101T000000Z-abcdef0");
  auto parsed = parse_backup_branch(name);
  REQUIRE(parsed);
  CHECK(parsed->space == "backup");
  CHECK(parsed->branch == "feature/x");
  CHECK(parsed->time == when);
  CHECK(parsed->short_id == "abcdef0");
  auto clash = parse_backup_branch("preflight-backup/backup/20260101T000000Z-abcdef0-2");
  REQUIRE(clash);
  CHECK(clash->branch == "backup");
  CHECK_FALSE(parse_backup_branch("backup"));
  CHECK_FALSE(parse_backup_branch("backup/20260101T000000Z-abcdef0"));
  CHECK_FALSE(parse_backup_branch("backup/main/notatime-abcdef0"));
  CHECK_FALSE(parse_backup_branch("backup/main/20260101T000000Z-ABCDEF0"));
  CHECK_FALSE(parse_backup_branch("main/20260101T000000Z-abcdef0"));
}

TEST_CASE("age_text", "[backup]") {
  CHECK(age_text(100, 100) == "0 seconds");
  CHECK(age_text(0, 61) == "1 minute");
  CHECK(age_text(0, 7200) == "2 hours");
  CHECK(age_text(0, 86400 * 3 + 5) == "3 days");
}

TEST_CASE("operations from reflog subjects and the rebase state", "[backup]") {
  CHECK(classify("reset: moving to HEAD~1", "", false, false) == Operation::reset);
  CHECK(classify("commit (amend): fix", "", false, false) == Operation::amend);
  CHECK(classify("rebase (finish): refs/heads/t onto 1234", "", false, false) == Operation::rebase);
  CHECK(classify("pull -q --rebase (finish): x", "", false, false) == Operation::rebase);
  CHECK(classify("commit (amend): squash", "rebase (squash)", false, false) == Operation::rebase);
  CHECK(classify("", "", true, false) == Operation::rebase);
  CHECK(classify("branch: Reset to main", "", false, false) == Operation::force);
  CHECK(classify("", "", false, true) == Operation::remove);
  CHECK(classify("", "", false, false) == Operation::other);
}

TEST_CASE("classify before the move: rebase, reset, amend, other", "[backup]") {
  CHECK(classify_before("", true, true, true) == Operation::rebase);
  CHECK(classify_before("pull --rebase", false, false, false) == Operation::rebase);
  CHECK(classify_before("rebase (squash)", false, false, true) == Operation::rebase);
  CHECK(classify_before("", false, true, false) == Operation::reset);
  CHECK(classify_before("", false, false, true) == Operation::amend);
  CHECK(classify_before("", false, true, true) == Operation::amend); // ORIG_HEAD stale
  CHECK(classify_before("", false, false, false) == Operation::other);
}

TEST_CASE("policy: rewrites are judged by patch unless on_amend/on_rebase", "[backup]") {
  Settings settings;
  CHECK_FALSE(decided_by_patch(Operation::reset, settings));
  CHECK_FALSE(decided_by_patch(Operation::remove, settings));
  CHECK_FALSE(decided_by_patch(Operation::force, settings));
  CHECK_FALSE(decided_by_patch(Operation::checkout, settings));
  CHECK(decided_by_patch(Operation::amend, settings));
  CHECK(decided_by_patch(Operation::rebase, settings));
  CHECK(decided_by_patch(Operation::other, settings));
  settings.on_amend = settings.on_rebase = true;
  CHECK_FALSE(decided_by_patch(Operation::amend, settings));
  CHECK_FALSE(decided_by_patch(Operation::rebase, settings));
  CHECK(decided_by_patch(Operation::other, settings));
}

TEST_CASE("prune keeps the newest per branch and drops old ones", "[backup]") {
  std::time_t day = 86400, now = 100 * day;
  std::vector<BackupEntry> entries = {
      {"backup/main/a", "main", now - 1 * day}, {"backup/main/b", "main", now - 2 * day},
      {"backup/main/c", "main", now - 3 * day}, {"backup/dev/a", "dev", now - 40 * day},
      {"backup/dev/b", "dev", now - 1 * day},
  };
  CHECK(prune_plan(entries, now, 2, 30) ==
        std::vector<std::string>{"backup/main/c", "backup/dev/a"});
  CHECK(prune_plan(entries, now, 0, 0).empty());
  CHECK(prune_plan(entries, now, 1, 0) ==
        std::vector<std::string>{"backup/main/b", "backup/main/c", "backup/dev/a"});
}

TEST_CASE("SKIP names the published-commit guard", "[backup]") {
  CHECK(skipped("a, published-commits", k_published_check));
  CHECK_FALSE(skipped("published", k_published_check));
  CHECK_FALSE(skipped(nullptr, k_published_check));
}

TEST_CASE("git reset arguments", "[backup]") {
  auto commits = [](const std::string& word) { return word == "HEAD~1" || word == "main"; };
  auto plan = plan_reset({"--hard", "HEAD~1"}, commits);
  CHECK(plan.mode == ResetMode::hard);
  CHECK(plan.revision == "HEAD~1");
  CHECK_FALSE(plan.paths);
  plan = plan_reset({"-q", "--soft"}, commits);
  CHECK(plan.mode == ResetMode::soft);
  CHECK_FALSE(plan.revision);
  CHECK(plan_reset({"main", "--", "file"}, commits).paths);
  CHECK(plan_reset({"file"}, commits).paths);
  CHECK(plan_reset({"-p"}, commits).paths);
  CHECK(plan_reset({"--keep", "main"}, commits).mode == ResetMode::keep);
  CHECK(plan_reset({"main", "a", "--", "b"}, commits).pathspec ==
        std::vector<std::string>{"b", "a"});
  CHECK(plan_reset({"-q", "--", "main"}, commits).pathspec == std::vector<std::string>{"main"});
  CHECK(plan_reset({"file", "main"}, commits).pathspec == std::vector<std::string>{"file", "main"});
  CHECK(plan_reset({"--hard", "main"}, commits).pathspec.empty());
}

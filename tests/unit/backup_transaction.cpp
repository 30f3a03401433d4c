// The reference-transaction stdin parser and the cheap filter in front of it.
#include "backup/transaction.hpp"

#include <catch2/catch.hpp>

using namespace preflight::backup;

namespace {
const std::string Z(40, '0');
const std::string A = "1111111111111111111111111111111111111111";
const std::string B = "2222222222222222222222222222222222222222";
} // namespace

TEST_CASE("states, including git 2.54's preparing and unknown ones", "[backup]") {
  CHECK(parse_state("prepared") == State::prepared);
  CHECK(parse_state("committed") == State::committed);
  CHECK(parse_state("aborted") == State::aborted);
  CHECK(parse_state("preparing") == State::preparing);
  CHECK(parse_state("") == State::unknown);
  CHECK(parse_state("Prepared") == State::unknown);
}

TEST_CASE("parse_updates reads git's lines and skips malformed ones", "[backup]") {
  std::string text = A + " " + B + " refs/heads/main\n" + Z + " " + B + " refs/heads/new\n" + A +
                     " " + Z + " refs/heads/gone\r\n" + "garbage\n" + A + " " + B + "\n" + A +
                     " xyz refs/heads/x\n" + A + " " + B + " refs/heads/a b\n" +
                     "ref:refs/heads/a ref:refs/heads/b HEAD\n" + A.substr(0, 39) + " " + B +
                     " refs/heads/short";
  auto updates = parse_updates(text);
  REQUIRE(updates.size() == 4);
  CHECK(updates[0].old_id == A);
  CHECK(updates[0].new_id == B);
  CHECK(updates[0].ref == "refs/heads/main");
  CHECK(updates[1].old_id.empty());
  CHECK(updates[2].new_id.empty());
  CHECK(updates[2].ref == "refs/heads/gone");
  CHECK(updates[3].symbolic);
  CHECK(updates[3].ref == "HEAD");
}

TEST_CASE("SHA-256 ids and a last line without newline are accepted", "[backup]") {
  std::string id64(64, 'a');
  auto updates = parse_updates(id64 + " " + std::string(64, '0') + " refs/heads/x");
  REQUIRE(updates.size() == 1);
  CHECK(updates[0].old_id == id64);
  CHECK(updates[0].new_id.empty());
}

TEST_CASE("is_backup_ref knows both namespaces and not the branch named backup", "[backup]") {
  CHECK(is_backup_ref("refs/heads/backup/main/20260101T000000Z-1111111"));
  CHECK(is_backup_ref("refs/heads/preflight-backup/main/x"));
  CHECK_FALSE(is_backup_ref("refs/heads/backup"));
  CHECK_FALSE(is_backup_ref("refs/heads/backups/x"));
  CHECK_FALSE(is_backup_ref("refs/remotes/origin/backup/x"));
}

TEST_CASE("candidates: branches, a detached HEAD, tags and other refs, some deletions",
          "[backup]") {
  std::vector<RefUpdate> updates = {
      {A, B, "refs/heads/main", false},
      {A, B, "HEAD", false},
      {A, B, "refs/remotes/origin/main", false},
      {"", B, "refs/tags/v1", false},
      {"", A, "ORIG_HEAD", false},
      {"", A, "refs/stash", false},
      {A, A, "refs/heads/same", false},
      {"", "", "refs/heads/deleted", false},
      {"", B, "refs/heads/backup/main/20260101T000000Z-1111111", false},
      {"", "", "refs/heads/feature/x", false},
      {"", "", "HEAD", true},
      {A, "", "refs/remotes/origin/gone", false},
      {A, "", "refs/stash", false},
      {"", "", "refs/notes/commits", false},
      {A, B, "refs/bisect/bad", false},
      {A, "", "refs/preflight/unstaged/main", false},
      {A, "", "refs/preflight/backup-tags/backup/refs/tags/v1/20260101T000000Z-1111111", false},
      {A, "", "refs/rewritten/onto", false},
      {A, "", "refs/worktree/x", false},
      {A, "", "refs/prefetch/remotes/origin/main", false},
      {A, "", "FETCH_HEAD", false},
  };
  auto symbolic_head = candidates(updates, {true});
  std::vector<std::string> refs;
  for (const RefUpdate& update : symbolic_head)
    refs.push_back(update.ref);
  CHECK(refs == std::vector<std::string>{"refs/heads/main", "refs/tags/v1", "refs/heads/deleted",
                                         "refs/heads/feature/x", "refs/remotes/origin/gone",
                                         "refs/stash", "refs/notes/commits"});
  auto detached = candidates(updates, {false});
  REQUIRE(detached.size() == 8);
  CHECK(detached[1].ref == "HEAD");
}

TEST_CASE("ref_kind sorts refs by what a backup of them means", "[backup]") {
  CHECK(ref_kind("refs/heads/main") == RefKind::branch);
  CHECK(ref_kind("refs/heads/backup/main/20260101T000000Z-1111111") == RefKind::ignored);
  CHECK(ref_kind("refs/heads/") == RefKind::ignored);
  CHECK(ref_kind("HEAD") == RefKind::head);
  CHECK(ref_kind("refs/tags/v1") == RefKind::other);
  CHECK(ref_kind("refs/notes/commits") == RefKind::other);
  CHECK(ref_kind("refs/replace/1111111111111111111111111111111111111111") == RefKind::other);
  CHECK(ref_kind("refs/original/refs/heads/main") == RefKind::ignored);
  CHECK(ref_kind("refs/remotes/origin/main") == RefKind::remote);
  CHECK(ref_kind("refs/stash") == RefKind::stash);
  CHECK(ref_kind("refs/stashes") == RefKind::other);
  CHECK(ref_kind("refs/bisect/bad") == RefKind::ignored);
  CHECK(ref_kind("refs/preflight-heads/main") == RefKind::ignored);
  CHECK(ref_kind("ORIG_HEAD") == RefKind::ignored);
  CHECK(ref_kind("refs/") == RefKind::ignored);
}

TEST_CASE("a fetch's updates leave nothing to do", "[backup]") {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += Z + " " + A + " refs/remotes/origin/b" + std::to_string(i) + "\n";
  auto updates = parse_updates(text);
  CHECK(updates.size() == 200);
  CHECK_FALSE(mentions_head(updates));
  CHECK(candidates(updates, {}).empty());
}

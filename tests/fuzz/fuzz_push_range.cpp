// libFuzzer target for the pre-push checks past the line parser: what a push
// would send, computed over a real repository made once at start (branches, a
// merge, a bad message, a private key, a checkpoint, annotated and lightweight
// tags of commits, trees, blobs and tags, a remote-tracking ref, a backup
// branch). The input picks the rules (protected branches, message and content
// checks), what SKIP names, the remote, and then either git's standard input as
// raw text or lines built from the repository's own refs and ids (so that the
// walk, the tag peeling, the protected-branch and backup-branch rules and the
// content checks are reached), or a --from-ref/--to-ref range. Anything may be
// refused with preflight::Error; nothing may crash.
#include "checks/pre_push.hpp"
#include "config/config.hpp"
#include "git/repo_view.hpp"
#include "git/repository.hpp"
#include "report/finding.hpp"
#include "util/error.hpp"
#include "util/process.hpp"

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Run by /bin/sh with the scratch folder as $1; prints the ids the inputs use.
constexpr const char* k_make_repo = R"(set -e
cd "$1"
git init -q -b main r
cd r
git config user.name fuzz
git config user.email fuzz@example.com
git config advice.nestedTag false
echo hi > README
git add README
git commit -qm "feat: first"
git update-ref refs/remotes/origin/main HEAD
git checkout -qb feature
printf -- '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n' > id_rsa
git add id_rsa
git commit -qm oops
mkdir -p models
printf 'PK\003\004 weights' > models/w.pt
git add models
git commit -qm "feat(models): weights"
git checkout -q main
echo two >> README
git commit -qam "fix: second"
git merge -q --no-ff -m "Merge branch 'feature'" feature
git branch backup/x HEAD~1
git tag -a -m "release one" v1 HEAD~1
git tag -a -m "tag of a tag" v1-again v1
git tag l1 feature
git tag t-tree "HEAD^{tree}"
git tag t-blob "HEAD:README"
git rev-parse main feature main~1 feature~1 v1 v1-again "HEAD^{tree}" "HEAD:README" \
  "HEAD:id_rsa" refs/remotes/origin/main
)";

struct Fixture {
  fs::path root;
  std::vector<std::string> ids;
  std::array<preflight::config::Config, 4> rules;
  preflight::git::Repository repo;
};

preflight::config::Config rules_from(const fs::path& folder, const std::string& text) {
  fs::create_directories(folder);
  std::ofstream(folder / ".preflight.yaml", std::ios::binary) << text;
  return preflight::config::load({folder, false});
}

Fixture make_fixture() {
  char pattern[] = "/tmp/preflight-fuzz-push-XXXXXX";
  const char* made = ::mkdtemp(pattern);
  if (!made)
    std::abort();
  fs::path root(made);
  preflight::RunOptions options;
  options.capture_output = true;
  options.env = {
      {"HOME", root.string()}, {"GIT_CONFIG_GLOBAL", "/dev/null"}, {"GIT_CONFIG_NOSYSTEM", "1"}};
  auto made_repo =
      preflight::run_process({"/bin/sh", "-c", k_make_repo, "sh", root.string()}, options);
  if (made_repo.exit_code != 0) {
    std::fprintf(stderr, "fuzz_push_range: could not make the repository:\n%s\n",
                 made_repo.output.c_str());
    std::abort();
  }
  std::vector<std::string> ids;
  std::istringstream lines(made_repo.output);
  for (std::string line; std::getline(lines, line);)
    if (line.size() == 40)
      ids.push_back(line);
  ids.push_back(std::string(40, '0')); // creation / deletion
  ids.push_back(std::string(40, 'e')); // an object nobody has
  ids.push_back("abc");                // malformed
  ids.push_back(std::string(64, 'f')); // SHA-256 length
  return Fixture{
      root,
      std::move(ids),
      {rules_from(root / "rules0", ""),
       rules_from(root / "rules1", "pre_push:\n  protected_branches: ['*', 'rel/[a-z]*']\n"),
       rules_from(root / "rules2", "pre_push:\n  check_messages: false\n  refuse_backup_branches: "
                                   "false\n"),
       rules_from(root / "rules3", "commit_msg:\n  enabled: false\npre_push:\n  "
                                   "check_content: false\n")},
      preflight::git::Repository::discover(root / "r")};
}

Fixture& fixture() {
  static Fixture f = make_fixture();
  return f;
}

constexpr const char* k_refs[] = {"refs/heads/main",
                                  "refs/heads/feature",
                                  "refs/heads/backup/x",
                                  "refs/tags/v1",
                                  "refs/tags/t-tree",
                                  "refs/tags/t-blob",
                                  "refs/heads/rel/a",
                                  "refs/heads/release/1",
                                  "HEAD",
                                  "refs/notes/x",
                                  "(delete)",
                                  "refs/heads/"};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace preflight;
  if (size < 1)
    return 0;
  Fixture& f = fixture();
  std::uint8_t mode = data[0];
  checks::HookInput input;
  input.hook = checks::Hook::pre_push;
  input.args = {(mode & 0x40) ? "origin" : "", "file:///dev/null"};
  const std::uint8_t* rest = data + 1;
  std::size_t left = size - 1;
  if (mode & 0x10) {
    input.stdin_data.assign(reinterpret_cast<const char*>(rest), left);
  } else if ((mode & 0x20) && left >= 2) {
    input.range.emplace(f.ids[rest[0] % f.ids.size()], f.ids[rest[1] % f.ids.size()]);
  } else {
    auto id = [&](std::uint8_t b) { return f.ids[b % f.ids.size()]; };
    auto ref = [&](std::uint8_t b) { return std::string(k_refs[b % std::size(k_refs)]); };
    for (std::size_t i = 0; i + 4 <= left && i < 64; i += 4)
      input.stdin_data += ref(rest[i]) + " " + id(rest[i + 1]) + " " + ref(rest[i + 2]) + " " +
                          id(rest[i + 3]) + "\n";
  }
  std::set<std::string, std::less<>> skipped;
  if (mode & 0x04)
    skipped.insert("protected-branch");
  if (mode & 0x08)
    skipped.insert("commit-message");
  if (mode & 0x80)
    skipped.insert("backup-branch");
  git::LazyRepoView view(&f.repo);
  checks::Context context{f.rules[mode & 3], input, f.root / "r", view, skipped};
  report::Report report;
  try {
    checks::check_push(context, report);
  } catch (const Error&) {
  }
  return 0;
}

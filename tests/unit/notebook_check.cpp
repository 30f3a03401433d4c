// The notebook check on an in-memory repository: what it replaces in the index,
// what it reports, and what it leaves alone.
#include "checks/notebooks.hpp"
#include "checks/pushed_notebooks.hpp"
#include "config/config.hpp"
#include "notebook/strip.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <unistd.h>

using namespace preflight;
using namespace preflight::checks;

namespace {

// Staged files in memory; replace_staged calls are recorded.
class MemoryRepo : public RepoView, public BlobReader {
public:
  std::map<std::string, std::string> store; // id -> bytes
  std::vector<FileChange> changes;
  mutable std::map<std::string, std::string> replaced; // path -> bytes
  mutable ContentInput staged;

  void stage(const std::string& path, const std::string& bytes) {
    FileChange change;
    change.path = path;
    change.id = "id" + std::to_string(changes.size());
    change.size = bytes.size();
    store[change.id] = bytes;
    changes.push_back(change);
  }

  Head read_head(const FileChange& file, std::size_t max) const override {
    const std::string& data = store.at(file.id);
    return {data.size(), data.substr(0, max)};
  }
  bool lfs_tracked(std::string_view) const override { return false; }

  std::optional<std::string> config_string(std::string_view) const override { return {}; }
  const ContentInput& staged_content() const override {
    staged.changes = changes;
    staged.blobs = this;
    return staged;
  }
  std::string replace_staged(const FileChange& file, std::string_view bytes) const override {
    replaced[file.path] = std::string(bytes);
    return "replaced-" + file.path;
  }
  std::optional<std::filesystem::path> common_dir() const override { return {}; }
  std::optional<FileChange> index_entry(std::string_view) const override { return {}; }
  ContentInput index_content(const std::optional<std::vector<std::string>>&) const override {
    return staged_content();
  }
  bool is_ignored(std::string_view) const override { return false; }
  std::vector<PushedCommit> commits_to_push(const std::string&, const std::string&,
                                            const std::string&) const override {
    return {};
  }
  std::vector<FileChange> commit_changes(const PushedCommit&) const override { return {}; }
  std::optional<std::vector<FileChange>> non_commit_files(const std::string&,
                                                          const std::string&) const override {
    return {};
  }
  std::vector<std::string> tree_paths(const std::string&) const override { return {}; }
  bool is_ancestor(const std::string&, const std::string&) const override { return false; }
  bool has_object(const std::string&) const override { return false; }
  std::string resolve_commit(const std::string& revision) const override { return revision; }
  const BlobReader& blobs() const override { return *this; }
};

config::Config rules(std::string_view extra = "") {
  return test::load_rules(extra);
}

// "severity path:line:column: message" per finding.
std::vector<std::string> run_check(const MemoryRepo& repo, const config::Config& config) {
  HookInput input;
  Context context{config, input, "/nonexistent", repo, {}};
  report::Report report;
  check_notebooks(context, report);
  std::vector<std::string> out;
  for (const auto& f : report.findings())
    out.push_back(std::string(f.severity == report::Severity::error ? "error " : "warning ") +
                  f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + ": " +
                  f.message);
  return out;
}

// The same for the push check, over the staged files as if pushed in commit c0ffee.
std::vector<std::string> run_push_check(const MemoryRepo& repo, const config::Config& config,
                                        std::set<std::string, std::less<>> skipped = {}) {
  HookInput input;
  Context context{config, input, "/nonexistent", repo, std::move(skipped)};
  ContentInput pushed = repo.staged_content();
  for (FileChange& file : pushed.changes) {
    file.commit = "c0ffee";
    file.origin = "commit c0ffee";
  }
  report::Report report;
  check_pushed_notebooks(context, pushed, report);
  std::vector<std::string> out;
  for (const auto& f : report.findings())
    out.push_back(f.check + " " + f.path + ":" + std::to_string(f.line) + ":" +
                  std::to_string(f.column) + " " + f.commit + ": " + f.message);
  return out;
}

const std::string k_with_output =
    R"nb({"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, )nb"
    R"nb("outputs": [{"name": "stdout", "output_type": "stream", "text": ["hi\n"]}], )nb"
    R"nb("source": ["print('hi')"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 4})nb";

std::string stripped(const std::string& notebook) {
  return notebook::strip_notebook(notebook, {}).output;
}

} // namespace

TEST_CASE("notebook check: strips staged notebooks in the index", "[notebook-check]") {
  MemoryRepo repo;
  repo.stage("a.ipynb", k_with_output);
  repo.stage("clean.ipynb", stripped(k_with_output));
  repo.stage("data.json", k_with_output);
  CHECK(run_check(repo, rules()) ==
        std::vector<std::string>{"warning a.ipynb:0:0: stripped a.ipynb in the index; the "
                                 "working copy keeps its outputs"});
  REQUIRE(repo.replaced.size() == 1);
  CHECK(repo.replaced.at("a.ipynb") == stripped(k_with_output));
  CHECK(repo.replaced.at("a.ipynb").find("print('hi')") != std::string::npos);
  CHECK(repo.replaced.at("a.ipynb").find("stdout") == std::string::npos);
}

TEST_CASE("notebook check: rules options, check mode and disabled", "[notebook-check]") {
  MemoryRepo repo;
  repo.stage("a.ipynb", k_with_output);
  SECTION("keep_output: nothing to strip but the canonical form") {
    run_check(repo, rules("notebooks:\n  keep_output: true\n  keep_count: true\n"));
    REQUIRE(repo.replaced.size() == 1);
    CHECK(repo.replaced.at("a.ipynb").find("stdout") != std::string::npos);
  }
  SECTION("check mode blocks and replaces nothing") {
    CHECK(run_check(repo, rules("notebooks:\n  mode: check\n")) ==
          std::vector<std::string>{"error a.ipynb:0:0: notebook a.ipynb has outputs or metadata "
                                   "that the rules strip (notebooks.mode: check)"});
    CHECK(repo.replaced.empty());
  }
  SECTION("disabled") {
    CHECK(run_check(repo, rules("notebooks:\n  enabled: false\n")).empty());
    CHECK(repo.replaced.empty());
  }
}

TEST_CASE("notebook check: malformed notebooks are reported where they break", "[notebook-check]") {
  MemoryRepo repo;
  repo.stage("truncated.ipynb", k_with_output.substr(0, 60));
  repo.stage("nocells.ipynb", R"({"metadata": {}, "nbformat": 4, "nbformat_minor": 4})");
  repo.stage("empty.ipynb", "");
  CHECK(run_check(repo, rules()) ==
        std::vector<std::string>{
            "error truncated.ipynb:1:61: cannot strip notebook truncated.ipynb: not valid JSON: "
            "Missing a closing quotation mark in string.",
            "error nocells.ipynb:0:0: cannot strip notebook nocells.ipynb: the notebook has no "
            "cells list",
            "error empty.ipynb:1:1: cannot strip notebook empty.ipynb: not valid JSON: The "
            "document is empty."});
  CHECK(repo.replaced.empty());
}

TEST_CASE("push check: pushed notebooks the rules would strip are refused", "[notebook-check]") {
  MemoryRepo repo;
  repo.stage("a.ipynb", k_with_output);
  repo.stage("clean.ipynb", stripped(k_with_output));
  repo.stage("data.json", k_with_output);
  repo.stage("broken.ipynb", "{\"cells\": [");
  CHECK(run_push_check(repo, rules()) ==
        std::vector<std::string>{
            "notebook a.ipynb:0:0 c0ffee: notebook a.ipynb (in commit c0ffee) has outputs or "
            "metadata that the rules strip (notebooks.*)",
            "notebook broken.ipynb:1:12 c0ffee: cannot read notebook broken.ipynb (in commit "
            "c0ffee): Invalid value."});
  CHECK(repo.replaced.empty()); // a push rewrites nothing
  CHECK(
      run_push_check(repo, rules("notebooks:\n  keep_output: true\n  keep_count: true\n")).size() ==
      1); // only the broken one
  CHECK(run_push_check(repo, rules("notebooks:\n  enabled: false\n")).empty());
  CHECK(run_push_check(repo, rules(), {"notebook"}).empty());
}

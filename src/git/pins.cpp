#include "git/pins.hpp"
#include "commands/trust.hpp"
#include "git/handles.hpp"
#include "git/repository.hpp"
#include "util/error.hpp"
#include "util/fs.hpp"
#include "util/strings.hpp"

#include <array>
#include <cstdio>

// src/git/no_network.c in static builds (whose other binaries set up no TLS);
// absent when libgit2 is linked dynamically and sets TLS up itself.
extern "C" int preflight_enable_https(void) __attribute__((weak));

namespace preflight::git {

namespace fs = std::filesystem;

namespace {

using RepoPtr = Owned<git_repository, git_repository_free>;
using RemotePtr = Owned<git_remote, git_remote_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;

[[noreturn]] void fail(const std::string& what) {
  const git_error* error = git_error_last();
  throw Error(what + (error && error->message ? std::string(": ") + error->message : ""),
              Exit::internal);
}

fs::path cache_of(const fs::path& common_dir, const std::string& url) {
  return pins_dir(common_dir) / (commands::sha256_hex(url) + ".git");
}

RepoPtr open_cache(const fs::path& common_dir, const std::string& url) {
  git_repository* raw = nullptr;
  fs::path path = cache_of(common_dir, url);
  std::error_code ec;
  if (!fs::is_directory(path, ec) ||
      git_repository_open_ext(&raw, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) < 0)
    return nullptr;
  return RepoPtr(raw);
}

std::optional<std::string> commit_in(git_repository* repo, const std::string& rev) {
  git_object* raw = nullptr;
  std::string spec = full_commit_id(rev) ? rev : "refs/tags/" + rev;
  if (git_revparse_single(&raw, repo, (spec + "^{commit}").c_str()) < 0)
    return std::nullopt;
  ObjectPtr object(raw);
  return hex(git_object_id(object.get()));
}

// MAJOR.MINOR.PATCH of a tag such as v1.4.0; nullopt for other tags.
std::optional<std::array<unsigned long, 3>> semver(std::string_view tag) {
  if (tag.starts_with('v'))
    tag.remove_prefix(1);
  auto parts = split(tag, '.');
  if (parts.size() != 3)
    return std::nullopt;
  std::array<unsigned long, 3> out{};
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string& part = parts[i];
    if (part.empty() || part.size() > 9 ||
        part.find_first_not_of("0123456789") != std::string::npos)
      return std::nullopt;
    out[i] = std::stoul(part);
  }
  return out;
}

} // namespace

bool full_commit_id(const std::string& rev) {
  return rev.size() == 40 && rev.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::optional<fs::path> common_dir_of(const fs::path& root) {
  init_library(); // a hook may read its rules before it opens the repository
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, root.c_str(), 0, nullptr) < 0)
    return std::nullopt;
  RepoPtr repo(raw);
  return fs::path(git_repository_commondir(repo.get()));
}

fs::path pins_dir(const fs::path& common_dir) {
  return common_dir / "preflight" / "extends";
}

std::optional<std::string> pinned_commit(const fs::path& common_dir, const std::string& url,
                                         const std::string& rev) {
  RepoPtr repo = open_cache(common_dir, url);
  return repo ? commit_in(repo.get(), rev) : std::nullopt;
}

std::optional<std::string> recorded_pin(const fs::path& common_dir, const std::string& url,
                                        const std::string& rev) {
  auto text = read_file_if_exists(pins_dir(common_dir) / "pins");
  if (!text)
    return std::nullopt;
  std::optional<std::string> out;
  for (const std::string& line : split(*text, '\n')) {
    auto words = split(line, ' ');
    if (words.size() == 3 && words[0] == url && words[1] == rev)
      out = words[2];
  }
  return out;
}

void record_pin(const fs::path& common_dir, const std::string& url, const std::string& rev,
                const std::string& commit) {
  fs::path file = pins_dir(common_dir) / "pins";
  std::string kept;
  for (const std::string& line : split(read_file_if_exists(file).value_or(""), '\n')) {
    auto words = split(line, ' ');
    if (!line.empty() && !(words.size() == 3 && words[0] == url && words[1] == rev))
      kept += line + "\n";
  }
  kept += url + " " + rev + " " + commit + "\n";
  write_file_atomic(file, kept);
}

void fetch_pinned(const fs::path& common_dir, const std::string& url) {
  if (url.find_first_of(" \n\r\t") != std::string::npos)
    throw Error("the url \"" + url + "\" of a shared rules repository has a space", Exit::usage);
  static const bool https = !preflight_enable_https || preflight_enable_https() >= 0;
  if (!https)
    fail("cannot set up TLS to fetch " + url);
  fs::path path = cache_of(common_dir, url);
  fs::create_directories(path.parent_path());
  git_repository* raw = nullptr;
  if (git_repository_init(&raw, path.c_str(), 1) < 0)
    fail("cannot create the cache " + path.string());
  RepoPtr repo(raw);
  git_remote* remote_raw = nullptr;
  if (git_remote_create_anonymous(&remote_raw, repo.get(), url.c_str()) < 0)
    fail("cannot fetch " + url);
  RemotePtr remote(remote_raw);
  // Tags as they are upstream (a moved tag is then seen, and refused); branches
  // only so that a pin by commit id finds its commit.
  const char* specs[] = {"+refs/tags/*:refs/tags/*", "+refs/heads/*:refs/preflight-heads/*"};
  git_strarray refspecs{const_cast<char**>(specs), 2};
  git_fetch_options options = GIT_FETCH_OPTIONS_INIT;
  options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
  options.prune = GIT_FETCH_PRUNE;
  if (git_remote_fetch(remote.get(), &refspecs, &options, nullptr) < 0)
    fail("cannot fetch " + url);
}

std::optional<std::string> newest_tag(const fs::path& common_dir, const std::string& url) {
  RepoPtr repo = open_cache(common_dir, url);
  if (!repo)
    return std::nullopt;
  git_strarray tags{};
  if (git_tag_list(&tags, repo.get()) < 0)
    fail("cannot list the tags of " + url);
  std::optional<std::string> best;
  std::array<unsigned long, 3> best_version{};
  for (std::size_t i = 0; i < tags.count; ++i) {
    auto version = semver(tags.strings[i]);
    if (version && (!best || *version > best_version)) {
      best = tags.strings[i];
      best_version = *version;
    }
  }
  git_strarray_dispose(&tags);
  return best;
}

PinnedFile read_pinned(const fs::path& common_dir, const std::string& url, const std::string& rev,
                       const std::string& path) {
  RepoPtr repo = open_cache(common_dir, url);
  if (!repo)
    throw Error("the shared rules repository " + url +
                    " is not fetched yet (hooks never use the network): run `preflight update "
                    "--fetch` to fill the cache",
                Exit::usage);
  auto commit = commit_in(repo.get(), rev);
  if (!commit)
    throw Error("rev \"" + rev + "\" of " + url +
                    " is neither a tag nor a full commit id (a branch moves: pin a tag or a "
                    "40-hex commit; run `preflight update --fetch` if the tag is new)",
                Exit::usage);
  if (!full_commit_id(rev)) {
    auto recorded = recorded_pin(common_dir, url, rev);
    if (!recorded)
      throw Error("the pin " + url + " " + rev +
                      " is not recorded yet: run `preflight update --fetch`",
                  Exit::usage);
    if (*recorded != *commit)
      throw Error("the tag " + rev + " of " + url + " moved from " + *recorded + " to " + *commit +
                      "; run `preflight update` to accept",
                  Exit::usage);
  }
  TreePtr tree = commit_tree_of(repo.get(), *commit);
  git_tree_entry* entry_raw = nullptr;
  if (git_tree_entry_bypath(&entry_raw, tree.get(), path.c_str()) < 0)
    throw Error("\"" + path + "\" does not exist in " + url + " at " + rev, Exit::usage);
  TreeEntryPtr entry(entry_raw);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB ||
      git_tree_entry_filemode(entry.get()) == GIT_FILEMODE_LINK)
    throw Error("\"" + path + "\" in " + url + " at " + rev + " is not a regular file",
                Exit::usage);
  git_blob* blob_raw = nullptr;
  if (git_blob_lookup(&blob_raw, repo.get(), git_tree_entry_id(entry.get())) < 0)
    fail("cannot read " + path + " of " + url);
  BlobPtr blob(blob_raw);
  const auto* bytes = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return {std::string(bytes, static_cast<std::size_t>(git_blob_rawsize(blob.get()))),
          url + "@" + *commit + ":" + path};
}

} // namespace preflight::git

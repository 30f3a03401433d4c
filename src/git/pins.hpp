// Shared rules repositories pinned by a tag or a commit (`extends: - repo: URL,
// rev: v1.4.0, path: team.yaml`). Each repository is fetched by `preflight
// update` into a bare cache in the common git dir, and hooks read only from there
// (they link no network transport). The commit each tag pointed to when first
// fetched is recorded, so that a tag moved upstream is refused until accepted.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace preflight::git {

// <common dir>/preflight/extends: the caches (<sha256 of url>.git) and `pins`.
std::filesystem::path pins_dir(const std::filesystem::path& common_dir);

// A rules file read from a pin: its text, and the label its values carry
// ("URL@COMMIT:PATH", so that a new pin asks for trust again).
struct PinnedFile {
  std::string text;
  std::string label;
};

// Reads path at rev of url from the cache. Throws Error with a message fit to
// follow "file:line:col: " (the rev's location) when it cannot.
PinnedFile read_pinned(const std::filesystem::path& common_dir, const std::string& url,
                       const std::string& rev, const std::string& path);

// Fetches url's tags (and branch commits, for pins by commit id) into its cache.
void fetch_pinned(const std::filesystem::path& common_dir, const std::string& url);

// The commit a tag or full commit id names in url's cache; nullopt when absent.
std::optional<std::string> pinned_commit(const std::filesystem::path& common_dir,
                                         const std::string& url, const std::string& rev);

// The recorded commit of url@rev; nullopt when not recorded.
std::optional<std::string> recorded_pin(const std::filesystem::path& common_dir,
                                        const std::string& url, const std::string& rev);
void record_pin(const std::filesystem::path& common_dir, const std::string& url,
                const std::string& rev, const std::string& commit);

// The newest tag of url's cache in semver order (vMAJOR.MINOR.PATCH or
// MAJOR.MINOR.PATCH; other tags are ignored); nullopt when none.
std::optional<std::string> newest_tag(const std::filesystem::path& common_dir,
                                      const std::string& url);

// The common git dir of the repository at root; nullopt outside one.
std::optional<std::filesystem::path> common_dir_of(const std::filesystem::path& root);

// Whether rev is a full commit id (40 hex digits).
bool full_commit_id(const std::string& rev);

} // namespace preflight::git

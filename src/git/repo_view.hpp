// checks::RepoView over libgit2, opening the repository on first use so that a
// hook with nothing to ask of git never pays for opening it.
#pragma once

#include "checks/check.hpp"
#include "git/repository.hpp"

#include <optional>

namespace preflight::git {

class LazyRepoView : public checks::RepoView {
public:
  // opened: a repository already open (the CLI has one); else opened from the
  // hook's environment when first needed.
  explicit LazyRepoView(Repository* opened = nullptr) : m_borrowed(opened) {}

  std::optional<std::string> config_string(std::string_view key) const override;

  Repository& repository() const;

private:
  Repository* m_borrowed;
  mutable std::optional<Repository> m_owned;
};

} // namespace preflight::git

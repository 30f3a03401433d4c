#include "git/repo_view.hpp"

namespace preflight::git {

Repository& LazyRepoView::repository() const {
  if (m_borrowed)
    return *m_borrowed;
  if (!m_owned)
    m_owned = Repository::open_for_hook();
  return *m_owned;
}

std::optional<std::string> LazyRepoView::config_string(std::string_view key) const {
  return repository().config_string(key);
}

} // namespace preflight::git

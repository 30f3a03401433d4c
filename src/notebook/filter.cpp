#include "notebook/filter.hpp"

#include "git/repository.hpp"
#include "notebook/strip.hpp"
#include "report/output.hpp"

#include <cstdio>

namespace preflight::notebook {

git::FilterStatus NotebookFilter::operator()(const git::FilterRequest& request,
                                             std::string& content) {
  if (!m_setup)
    return request.command == "clean" ? git::FilterStatus::abort : git::FilterStatus::success;
  const Settings& settings = m_setup->settings;
  if (!settings.enabled || settings.check_only || !is_notebook_path(request.pathname))
    return git::FilterStatus::success;
  if (request.command == "clean")
    return clean(request, content);
  if (m_setup->cache.enabled()) {
    std::optional<std::string> full =
        m_setup->cache.restore(git::blob_id(content), content, settings.strip);
    if (full)
      content = std::move(*full);
  }
  return git::FilterStatus::success;
}

void NotebookFilter::finish() const {
  if (m_remembered)
    m_setup->cache.prune();
}

git::FilterStatus NotebookFilter::clean(const git::FilterRequest& request, std::string& content) {
  StripResult result = strip_notebook(content, m_setup->settings.strip);
  if (result.failure) {
    report::print_error(describe_failure(request.pathname, *result.failure) +
                            " (stored without stripping; the pre-commit hook blocks it)",
                        m_color);
    return git::FilterStatus::error;
  }
  if (m_setup->cache.enabled() && result.output == content) {
    // Stripped already (by hand, or never run): outputs removed on purpose
    // must not come back on the next checkout.
    m_setup->cache.forget(git::blob_id(content));
  } else if (m_setup->cache.enabled()) {
    std::optional<std::string> failure =
        m_setup->cache.remember(git::blob_id(result.output), content);
    m_remembered = true;
    if (failure && !m_cache_warned) {
      m_cache_warned = true;
      std::fprintf(stderr,
                   "preflight: warning: %s (the outputs of %s are not cached; what git stores "
                   "is not affected)\n",
                   failure->c_str(), request.pathname.c_str());
    }
  }
  content = std::move(result.output);
  return git::FilterStatus::success;
}

} // namespace preflight::notebook

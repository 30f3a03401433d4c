// The notebook filter behind `preflight filter-process` (git's long-running
// filter protocol): clean strips a notebook for storing and keeps its outputs in
// the output cache; smudge gives the cached notebook back when it strips to
// exactly the blob. Kept apart from the command so that the fuzz target drives
// the same handler git does.
#pragma once

#include "git/filter_protocol.hpp"
#include "notebook/output_cache.hpp"
#include "notebook/settings.hpp"

#include <optional>
#include <string>

namespace preflight::notebook {

struct FilterSetup {
  Settings settings;
  OutputCache cache;
};

class NotebookFilter {
public:
  // setup: nullopt when the rules did not load (clean then aborts, so that git
  // stores notebooks as they are; smudge passes blobs through). color: whether
  // messages on stderr may be coloured.
  NotebookFilter(std::optional<FilterSetup> setup, bool color)
      : m_setup(std::move(setup)), m_color(color) {}

  git::FilterStatus operator()(const git::FilterRequest& request, std::string& content);

  // Once git is done: keeps the cache within its bound.
  void finish() const;

private:
  git::FilterStatus clean(const git::FilterRequest& request, std::string& content);

  std::optional<FilterSetup> m_setup;
  bool m_color = false;
  bool m_remembered = false;
  bool m_cache_warned = false;
};

} // namespace preflight::notebook

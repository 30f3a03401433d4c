// notebooks.* keys to StripOptions (key table: src/config/keys_notebooks.cpp).
#include "notebook/settings.hpp"

#include <sstream>

namespace preflight::notebook {

Settings settings_from_config(const config::Config& config) {
  Settings s;
  s.enabled = config.get_bool("notebooks.enabled");
  s.check_only = config.get_string("notebooks.mode") == "check";
  s.diff_textconv = config.get_bool("notebooks.diff_textconv");
  if (config.find("notebooks.keep_output"))
    s.strip.keep_output = config.get_bool("notebooks.keep_output");
  s.strip.keep_count = config.get_bool("notebooks.keep_count");
  s.strip.keep_id = config.get_bool("notebooks.keep_id");
  s.strip.extra_keys = config.get_strings("notebooks.extra_keys");
  s.strip.keep_metadata_keys = config.get_strings("notebooks.keep_metadata_keys");
  s.strip.drop_empty_cells = config.get_bool("notebooks.drop_empty_cells");
  s.strip.drop_tagged_cells = config.get_strings("notebooks.drop_tagged_cells");
  s.strip.strip_init_cells = config.get_bool("notebooks.strip_init_cells");
  s.strip.max_size = config.get_size("notebooks.max_size");
  s.strip.drop_output_types = config.get_strings("notebooks.drop_output_types");
  s.strip.keep_output_types = config.get_strings("notebooks.keep_output_types");
  s.output_cache_max_size = config.get_size("notebooks.output_cache.max_size");
  return s;
}

std::vector<std::string> split_words(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::vector<std::string> words;
  for (std::string word; in >> word;)
    words.push_back(word);
  return words;
}

void add_nbstripout_git_keys(StripOptions& strip, const GitConfigLookup& config) {
  auto add_words = [&](std::string_view key, std::vector<std::string>& to) {
    if (std::optional<std::string> value = config(key))
      for (std::string& word : split_words(*value))
        to.push_back(std::move(word));
  };
  add_words("filter.nbstripout.extrakeys", strip.extra_keys);
  add_words("filter.nbstripout.keepmetadatakeys", strip.keep_metadata_keys);
}

bool is_notebook_path(std::string_view path) {
  return path.ends_with(".ipynb");
}

std::string describe_failure(std::string_view path, const Failure& failure) {
  std::string text(path);
  if (failure.line > 0)
    text += ":" + std::to_string(failure.line) + ":" + std::to_string(failure.column);
  else if (failure.kind == FailureKind::not_json)
    text += ": byte " + std::to_string(failure.offset);
  text += ": ";
  if (failure.kind == FailureKind::not_json)
    text += "not a valid notebook: ";
  return text + failure.message;
}

} // namespace preflight::notebook

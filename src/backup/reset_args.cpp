#include "backup/reset_args.hpp"

namespace preflight::backup {

ResetPlan plan_reset(const std::vector<std::string>& args,
                     const std::function<bool(const std::string&)>& is_commit) {
  ResetPlan plan;
  std::vector<std::string> words;
  bool after_dashes = false;
  for (const std::string& arg : args) {
    if (after_dashes) {
      plan.paths = true;
      plan.pathspec.push_back(arg);
      continue;
    }
    if (arg == "--") {
      after_dashes = true;
    } else if (arg == "--soft") {
      plan.mode = ResetMode::soft;
    } else if (arg == "--mixed") {
      plan.mode = ResetMode::mixed;
    } else if (arg == "--hard") {
      plan.mode = ResetMode::hard;
    } else if (arg == "--merge") {
      plan.mode = ResetMode::merge;
    } else if (arg == "--keep") {
      plan.mode = ResetMode::keep;
    } else if (arg == "-p" || arg == "--patch" || arg.starts_with("--pathspec-from-file")) {
      plan.paths = true;
    } else if (!arg.starts_with("-") || arg == "-") {
      words.push_back(arg);
    }
  }
  if (!words.empty()) {
    if (is_commit(words.front())) {
      plan.revision = words.front();
      words.erase(words.begin());
    }
    plan.paths = plan.paths || !words.empty();
    plan.pathspec.insert(plan.pathspec.end(), words.begin(), words.end());
  }
  return plan;
}

} // namespace preflight::backup

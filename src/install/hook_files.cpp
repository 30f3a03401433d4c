#include "install/hook_files.hpp"

#include "util/error.hpp"

namespace preflight::install {

std::string make_launcher(std::string_view launcher_template, const std::string& target) {
  std::size_t at = launcher_template.find(k_launcher_marker);
  if (at == std::string_view::npos ||
      launcher_template.find(k_launcher_marker, at + 1) != std::string_view::npos)
    throw Error("the hook launcher has no single marker (is preflight's hook-launcher file "
                "intact? reinstall preflight)");
  std::size_t start = at + k_launcher_marker.size();
  if (target.empty() || target.find('\0') != std::string::npos ||
      target.size() + 1 > k_launcher_room - k_launcher_marker.size() ||
      start + target.size() + 1 > launcher_template.size())
    throw Error("the hook binary path is too long for the hook launcher: " + target);
  std::string out(launcher_template);
  out.replace(start, target.size(), target);
  out[start + target.size()] = '\0';
  return out;
}

std::optional<std::string> launcher_target(std::string_view bytes) {
  std::size_t at = bytes.find(k_launcher_marker);
  if (at == std::string_view::npos || !bytes.starts_with("\177ELF"))
    return std::nullopt;
  std::string_view rest = bytes.substr(at + k_launcher_marker.size());
  std::size_t end = rest.find('\0');
  if (end == std::string_view::npos)
    return std::nullopt;
  return std::string(rest.substr(0, end));
}

std::string portable_script(const std::string& hook) {
  std::string out(k_portable_header);
  out += ", written by `preflight install --portable`.\n"
         "# Runs preflight's " +
         hook +
         " hook where preflight is installed; elsewhere it says so and lets git go on.\n"
         "if command -v preflight >/dev/null 2>&1; then\n"
         "  exec preflight hook \"$0\" \"$@\"\n"
         "fi\n"
         "echo \"preflight: not installed on this machine; " +
         hook +
         " checks skipped (install preflight, or remove this hooks folder from core.hooksPath)\" "
         ">&2\n"
         "exit 0\n";
  return out;
}

bool is_portable_script(std::string_view bytes) {
  return bytes.starts_with(k_portable_header);
}

std::string hook_owner(std::string_view bytes) {
  auto has = [&](std::string_view word) { return bytes.find(word) != std::string_view::npos; };
  if (has("lefthook"))
    return "lefthook";
  if (has("husky"))
    return "husky";
  if (has("prek"))
    return "prek";
  if (has("overcommit"))
    return "overcommit";
  if (has("pre-commit.com") || has("INSTALL_PYTHON") || has("pre_commit"))
    return "pre-commit";
  return "";
}

std::string hooks_path_owner(const std::filesystem::path& hooks_path) {
  std::string text = hooks_path.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/')
    text.pop_back();
  if (text.ends_with(".husky/_") || text.ends_with(".husky"))
    return "husky";
  return "";
}

} // namespace preflight::install

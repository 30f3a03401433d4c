// identity: refuses a commit whose author or committer is not a person.
//
// People commit from freshly started containers, where git has no user.name or
// user.email, or has the values someone pasted from a tutorial. Those commits
// are hard to fix once pushed. What is refused (case-insensitive):
//   names   unset or empty; "Your Name" and other names whose first word is
//           "your"; Full Name, First Last, Firstname Lastname, John/Jane Doe,
//           Name, User, Username, Change Me, Unknown, None, and the system
//           accounts of container images (root, admin, administrator, ubuntu,
//           jovyan, the Jupyter docker-stacks user). Spaces, dots, dashes,
//           underscores and <> around the name are ignored when comparing.
//   emails  unset or empty; not local@domain; local parts whose first word is
//           "your" (your.email@...); you, email, name, user, username, me,
//           test, john.doe, jane.doe and the like at example.com, .org, .net
//           or their subdomains (RFC 2606 documentation domains); the system
//           accounts above; hosts git guesses from the machine name: no dot
//           (user@localhost, root@3f4e5a6b7c8d), a container id as first
//           label, ".(none)", ".local" (mDNS), ".localdomain", ".localhost",
//           ".internal" (cloud VM host names), ".invalid".
// Known false positives: a person really named "User" or "Root"; an address at
// a .local or .internal mail domain. identity.allow lets such values through.
//
// In CI (CI set) the check only runs when git itself runs the hook (git sets
// GIT_INDEX_FILE for pre-commit): `preflight run pre-commit` there makes no
// commit, and CI machines rarely have an identity.
#include "checks/identity.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <span>

namespace preflight::checks {

namespace identity {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_separator(char c) {
  return c == ' ' || c == '.' || c == '-' || c == '_' || c == '\t';
}

// "<Your Name>" -> "yourname"; "your.email" -> "youremail".
std::string squeeze(std::string_view text) {
  std::string out;
  for (char c : lower(text))
    if (!is_separator(c) && c != '<' && c != '>' && c != '"' && c != '\'')
      out += c;
  return out;
}

// The first word: "Your Name" -> "your", "your_email" -> "your".
std::string first_word(std::string_view text) {
  std::string out;
  for (char c : lower(trim(text))) {
    if (c == '<' || c == '"' || c == '\'')
      continue;
    if (is_separator(c))
      break;
    out += c;
  }
  return out;
}

bool has_several_words(std::string_view text) {
  std::string_view t = trim(text);
  return std::any_of(t.begin(), t.end(), is_separator);
}

// Word lists: constant arrays, so that nothing is built at start-up.
constexpr std::string_view k_system_accounts[] = {"root", "admin", "administrator", "ubuntu",
                                                  "jovyan"};

constexpr std::string_view k_placeholder_names[] = {
    "fullname", "firstlast", "firstnamelastname", "johndoe", "janedoe", "name",
    "user",     "username",  "changeme",          "unknown", "none"};

constexpr std::string_view k_placeholder_locals[] = {"you",
                                                     "email",
                                                     "mail",
                                                     "name",
                                                     "user",
                                                     "username",
                                                     "me",
                                                     "test",
                                                     "johndoe",
                                                     "jdoe",
                                                     "janedoe",
                                                     "foo",
                                                     "noone",
                                                     "nobody",
                                                     "changeme",
                                                     "first",
                                                     "firstlast",
                                                     "firstname",
                                                     "firstnamelastname"};

bool listed(std::span<const std::string_view> list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool ends_with_label(std::string_view domain, std::string_view tld) {
  return domain == tld.substr(1) || domain.ends_with(tld);
}

bool documentation_domain(std::string_view domain) {
  for (std::string_view d : {".example.com", ".example.org", ".example.net"})
    if (ends_with_label(domain, d))
      return true;
  return false;
}

} // namespace

std::optional<std::string> name_problem(std::string_view name) {
  if (trim(name).empty())
    return "is not set";
  std::string key = squeeze(name);
  if (listed(k_system_accounts, key))
    return "is a system account of the machine or container image, not a person";
  if ((first_word(name) == "your" && has_several_words(name)) || key == "yourname" ||
      key == "yourfullname" || listed(k_placeholder_names, key))
    return "is a placeholder copied from documentation";
  return std::nullopt;
}

std::optional<std::string> email_problem(std::string_view email) {
  std::string_view text = trim(email);
  if (text.size() >= 2 && text.front() == '<' && text.back() == '>')
    text = text.substr(1, text.size() - 2);
  if (text.empty())
    return "is not set";
  std::size_t at = text.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == text.size())
    return "is not an email address (local@domain)";
  if (text.find_first_of("<>") != std::string_view::npos)
    return "is a placeholder (it holds < or >)";
  std::string local = lower(text.substr(0, at));
  std::string domain = lower(text.substr(at + 1));
  if (first_word(local) == "your" || squeeze(local).starts_with("your"))
    return "is a placeholder copied from documentation";
  if (documentation_domain(domain) && listed(k_placeholder_locals, squeeze(local)))
    return "is a placeholder copied from documentation";
  if (listed(k_system_accounts, local))
    return "is a system account of the machine or container image, not a person";
  std::string first_label = domain.substr(0, domain.find('.'));
  if (first_label.size() >= 12 && is_hex(first_label))
    return "has a container id as host: git guessed it from the machine name";
  if (domain.find('.') == std::string::npos || domain.ends_with(".(none)"))
    return "has no mail domain: git guessed it from the machine name";
  for (std::string_view tld : {".local", ".localdomain", ".localhost", ".internal", ".invalid"})
    if (ends_with_label(domain, tld))
      return "is at a machine's host name (" + domain + "), not a mail domain";
  return std::nullopt;
}

bool domain_allowed(std::string_view email, std::span<const std::string> domains) {
  if (domains.empty())
    return true;
  std::string_view text = trim(email);
  std::size_t at = text.rfind('@');
  std::string domain = lower(at == std::string_view::npos ? text : text.substr(at + 1));
  while (!domain.empty() && domain.back() == '>')
    domain.pop_back();
  for (const std::string& allowed : domains) {
    std::string d = lower(trim(allowed));
    while (!d.empty() && (d.front() == '@' || d.front() == '.'))
      d.erase(0, 1);
    if (!d.empty() && (domain == d || domain.ends_with("." + d)))
      return true;
  }
  return false;
}

Person resolve(Role role, const Lookup& env, const Lookup& config) {
  const char* who = role == Role::author ? "AUTHOR" : "COMMITTER";
  const char* key = role == Role::author ? "author" : "committer";
  auto pick = [&](std::string_view field, std::string_view env_extra) {
    std::string upper = field == "name" ? "NAME" : "EMAIL";
    std::string variable = std::string("GIT_") + who + "_" + upper;
    std::string role_key = std::string(key) + "." + std::string(field);
    std::string user_key = "user." + std::string(field);
    // What git reads from config (and EMAIL) when the environment is silent.
    Part configured;
    if (auto value = config(role_key))
      configured = {*value, role_key};
    else if (auto user = config(user_key))
      configured = {*user, user_key};
    else if (!env_extra.empty())
      if (auto extra = env(env_extra))
        configured = {*extra, std::string(env_extra)};
    if (auto value = env(variable)) {
      if (!configured.source.empty() && configured.value == *value)
        return configured;
      return Part{*value, variable};
    }
    return configured;
  };
  return {pick("name", ""), pick("email", "EMAIL")};
}

} // namespace identity

namespace {

using identity::Part;
using identity::Role;

// The command that changes part, for the hint.
std::string fix_for(const Part& part, std::string_view field, const std::string& example) {
  std::string key =
      part.source.empty() || part.from_env() ? "user." + std::string(field) : part.source;
  std::string command = "git config " + key + " " + example;
  if (part.from_env() && part.source != "EMAIL")
    return "unset " + part.source + " (git commit also sets it from --author, and from the " +
           "amended commit unless you add --reset-author), or run: " + command;
  return command;
}

struct Problem {
  std::string who; // "author", "committer", "author and committer"
  std::string field;
  Part part;
  std::string reason;
};

} // namespace

void check_identity(const Context& context, report::Report& report) {
  const config::Config& rules = context.config;
  if (!rules.get_bool("identity.enabled"))
    return;
  const char* ci = std::getenv("CI");
  if (ci && *ci && !std::getenv("GIT_INDEX_FILE"))
    return;
  std::vector<std::string> domains = rules.get_strings("identity.allowed_domains");
  std::set<std::string> allow;
  for (const std::string& entry : rules.get_strings("identity.allow"))
    allow.insert(identity::squeeze(entry));

  identity::Lookup env = [](std::string_view name) -> std::optional<std::string> {
    if (const char* value = std::getenv(std::string(name).c_str()))
      return std::string(value);
    return std::nullopt;
  };
  identity::Lookup config = [&](std::string_view key) { return context.repo.config_string(key); };

  std::vector<Problem> problems;
  for (Role role : {Role::author, Role::committer}) {
    identity::Person person = identity::resolve(role, env, config);
    std::string who = role == Role::author ? "author" : "committer";
    for (const auto& entry : {std::pair<std::string, Part>{"name", person.name},
                              std::pair<std::string, Part>{"email", person.email}}) {
      // Named copies: a lambda below captures them (clang 14 cannot capture
      // structured bindings).
      const std::string& field = entry.first;
      const Part& part = entry.second;
      if (allow.count(identity::squeeze(part.value)))
        continue;
      auto reason = field == "name" ? identity::name_problem(part.value)
                                    : identity::email_problem(part.value);
      if (!reason && field == "email" && !identity::domain_allowed(part.value, domains))
        reason = "is outside the allowed domains (identity.allowed_domains)";
      if (!reason)
        continue;
      // The committer usually shares the author's user.name/user.email.
      auto same = std::find_if(problems.begin(), problems.end(), [&](const Problem& p) {
        return p.field == field && p.part.value == part.value && p.part.source == part.source;
      });
      if (same != problems.end())
        same->who = "author and committer";
      else
        problems.push_back({who, field, part, *reason});
    }
  }

  std::string domain = domains.empty() ? "your-domain" : domains.front();
  while (!domain.empty() && domain.front() == '@')
    domain.erase(0, 1);
  for (const Problem& p : problems) {
    report::Finding f;
    f.check = "identity";
    std::string value = p.part.source.empty() ? "" : " " + preflight::quoted(p.part.value);
    std::string from = p.part.source.empty() ? "" : " (from " + p.part.source + ")";
    f.message = p.who + " " + p.field + value + " " + p.reason + from;
    std::string example = p.field == "name" ? "\"<your full name>\"" : "\"<you>@" + domain + "\"";
    f.hint = "set your real " + p.field + ": " + fix_for(p.part, p.field, example) +
             " (add --global for every repository), then commit again";
    report.add(std::move(f));
  }
}

} // namespace preflight::checks

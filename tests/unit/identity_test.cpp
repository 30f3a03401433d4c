// The identity check's placeholder lists, domain filter and git's resolution order.
#include "checks/identity.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace preflight::checks::identity;

TEST_CASE("placeholder and system-account names are refused", "[identity]") {
  for (const char* name : {"Your Name", "your name", "YOUR_NAME", "<Your Name>", "Your Full Name",
                           "Your Name Here", "Full Name", "First Last", "John Doe", "jane.doe",
                           "Name", "user", "Username", "root", "jovyan", "ubuntu", "Admin"}) {
    INFO(name);
    CHECK(name_problem(name).has_value());
  }
  CHECK(name_problem("") == "is not set");
  CHECK(name_problem("  ") == "is not set");
  CHECK(name_problem("Your Name") == "is a placeholder copied from documentation");
  CHECK(name_problem("root") ==
        "is a system account of the machine or container image, not a person");
}

TEST_CASE("real names pass", "[identity]") {
  for (const char* name : {"Ada Lovelace", "Marguerite Yourcenar", "Charles Babbage", "李小龙",
                           "Jean-Luc Picard", "Rooter McRootface"}) {
    INFO(name);
    CHECK_FALSE(name_problem(name).has_value());
  }
}

TEST_CASE("placeholder and guessed emails are refused", "[identity]") {
  std::map<std::string, std::string> refused = {
      {"", "is not set"},
      {"ada", "is not an email address (local@domain)"},
      {"@example.org", "is not an email address (local@domain)"},
      {"your.email@example.com", "is a placeholder copied from documentation"},
      {"your_email@gmail.com", "is a placeholder copied from documentation"},
      {"you@example.com", "is a placeholder copied from documentation"},
      {"email@example.org", "is a placeholder copied from documentation"},
      {"john.doe@mail.example.net", "is a placeholder copied from documentation"},
      {"<you>@company.com", "is a placeholder (it holds < or >)"},
      {"root@3f4e5a6b7c8d", "is a system account of the machine or container image, not a person"},
      {"ada@3f4e5a6b7c8d", "has a container id as host: git guessed it from the machine name"},
      {"ada@3f4e5a6b7c8d9e0f1a2b.localdomain",
       "has a container id as host: git guessed it from the machine name"},
      {"user@localhost", "has no mail domain: git guessed it from the machine name"},
      {"ada@gpu-box", "has no mail domain: git guessed it from the machine name"},
      {"ada@gpu-box.(none)", "has no mail domain: git guessed it from the machine name"},
      {"ada@MacBook-Pro.local",
       "is at a machine's host name (macbook-pro.local), not a mail domain"},
      {"ada@box.localdomain", "is at a machine's host name (box.localdomain), not a mail domain"},
      {"ada@ip-10-0-0-1.ec2.internal",
       "is at a machine's host name (ip-10-0-0-1.ec2.internal), not a mail domain"},
  };
  for (const auto& [email, reason] : refused) {
    INFO(email);
    CHECK(email_problem(email) == reason);
  }
}

TEST_CASE("real emails pass, documentation domains included for real-looking names", "[identity]") {
  for (const char* email : {"ada@analytical.example.org", "bench@example.org", "ada@lovelace.dev",
                            "<ada@lovelace.dev>", "123+ada@users.noreply.github.com"}) {
    INFO(email);
    CHECK_FALSE(email_problem(email).has_value());
  }
}

TEST_CASE("allowed domains include their subdomains", "[identity]") {
  std::vector<std::string> domains = {"company.com", "@Lab.Org"};
  CHECK(domain_allowed("ada@company.com", domains));
  CHECK(domain_allowed("ada@eng.company.com", domains));
  CHECK(domain_allowed("ada@LAB.org", domains));
  CHECK_FALSE(domain_allowed("ada@notcompany.com", domains));
  CHECK_FALSE(domain_allowed("ada@company.com.evil.io", domains));
  CHECK(domain_allowed("anyone@anywhere.io", {}));
}

namespace {

Lookup from(std::map<std::string, std::string> values) {
  return [values](std::string_view key) -> std::optional<std::string> {
    auto it = values.find(std::string(key));
    if (it == values.end())
      return std::nullopt;
    return it->second;
  };
}

} // namespace

TEST_CASE("identity resolves as git does", "[identity]") {
  // user.* only.
  Person p = resolve(Role::author, from({}), from({{"user.name", "U"}, {"user.email", "u@x.io"}}));
  CHECK(p.name.value == "U");
  CHECK(p.name.source == "user.name");
  CHECK(p.email.source == "user.email");
  // author.* beats user.*; committer.* does not apply to the author.
  p = resolve(Role::author, from({}),
              from({{"user.name", "U"}, {"author.name", "A"}, {"committer.name", "C"}}));
  CHECK(p.name.value == "A");
  CHECK(p.name.source == "author.name");
  p = resolve(Role::committer, from({}),
              from({{"user.name", "U"}, {"author.name", "A"}, {"committer.name", "C"}}));
  CHECK(p.name.value == "C");
  // The environment beats config; EMAIL comes after user.email.
  p = resolve(Role::committer, from({{"GIT_COMMITTER_NAME", "E"}, {"EMAIL", "e@x.io"}}),
              from({{"user.name", "U"}}));
  CHECK(p.name.value == "E");
  CHECK(p.name.source == "GIT_COMMITTER_NAME");
  CHECK(p.name.from_env());
  CHECK(p.email.value == "e@x.io");
  CHECK(p.email.source == "EMAIL");
  p = resolve(Role::author, from({{"EMAIL", "e@x.io"}}), from({{"user.email", "u@x.io"}}));
  CHECK(p.email.value == "u@x.io");
  // git commit exports the author it resolved: attributed to the config key it came from.
  p = resolve(Role::author, from({{"GIT_AUTHOR_NAME", "Your Name"}}),
              from({{"user.name", "Your Name"}}));
  CHECK(p.name.source == "user.name");
  // Unset everywhere.
  p = resolve(Role::author, from({}), from({}));
  CHECK(p.name.value.empty());
  CHECK(p.name.source.empty());
}

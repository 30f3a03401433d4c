// The server hooks: pre-receive and update, which `preflight install --server`
// puts into a repository that people push to (a bare repository behind ssh,
// git http-backend, git daemon, Gitea/Forgejo or GitLab). They run the pre-push
// checks on what each pushed ref brings to the server, with the server's rules,
// and print each problem on stderr, which the pushing client shows as
// "remote: ..." lines.
//
// pre-receive sees every ref of a push at once and refuses the whole push;
// with `server.per_ref: true` it checks nothing and the update hook refuses
// only the refs with problems (git runs it once per ref). While pre-receive
// runs, the pushed objects sit in a quarantine folder that git names in
// GIT_OBJECT_DIRECTORY and GIT_ALTERNATE_OBJECT_DIRECTORIES; the repository is
// opened from that environment, and an object that cannot be read fails the
// hook (exit 3 refuses the push): nothing passes unread.
//
// The rules: the file named by `git config preflight.rules` in the repository
// (relative to its git dir), else .preflight.yaml in the repository folder
// (the git dir of a bare repository). A .preflight.yaml in the pushed commits
// may add checks, never weaken these (see checks/pre_push.cpp).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace preflight::git {
class Repository;
}

namespace preflight::server {

enum class ServerHook { pre_receive, update };

// pre-receive's standard input, "<old id> SP <new id> SP <ref> LF" per ref, in
// the pre-push form "<ref> SP <new id> SP <ref> SP <old id> LF" that the push
// checks read. Throws Error(Exit::internal) naming a malformed line.
std::string to_push_lines(std::string_view received);

// The rules file that `git config preflight.rules` names in repo (relative to
// its git dir), or an empty path when unset: the server's rules.
std::filesystem::path configured_rules_file(const git::Repository& repo);

// The entry point of the pre-receive and update binaries: argv as git passed it.
int main(ServerHook hook, int argc, char** argv);

} // namespace preflight::server

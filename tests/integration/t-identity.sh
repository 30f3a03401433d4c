# The identity check on real commits: placeholder names and emails from git's
# own instructions and from container images are refused with the commands
# that fix them; git's resolution order (environment, author.*/committer.*,
# user.*, --author) is followed; allowed domains, SKIP and identity.allow.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

# git without lib.sh's fixed identities: it reads them from config as a user's git would.
ugit() {
  env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL \
    -u EMAIL git "$@"
}

# A repository whose first commit exists, hooks installed, one staged file.
start() {
  new_repo repo
  install_hooks
  echo "x" > train.py
  git add train.py
  HEAD_BEFORE=$(git rev-parse HEAD)
}

scenario "user.name \"Your Name\" is refused with the command that fixes it"
start
git config user.name "Your Name"
git config user.email "grace@navy.example.org"
run ugit commit -m "feat: train"
expect_rc 1 "commit refused"
expect_in "$ERR" 'error [identity] author and committer name "Your Name" is a placeholder copied from documentation (from user.name)' "names the placeholder and its source"
expect_in "$ERR" 'git config user.name "<your full name>"' "shows the git config command"
expect_eq "$(git rev-parse HEAD)" "$HEAD_BEFORE" "no commit was made"
git config user.name "Grace Hopper"
run ugit commit -m "feat: train"
expect_rc 0 "commit passes once the name is fixed"
expect_eq "$(git log -1 --format='%an <%ae>')" "Grace Hopper <grace@navy.example.org>" "the real author"

scenario "you@example.com and root@<container id> are refused"
start
git config user.name "Grace Hopper"
git config user.email "you@example.com"
run ugit commit -m "feat: train"
expect_rc 1 "documentation email refused"
expect_in "$ERR" 'author and committer email "you@example.com" is a placeholder copied from documentation (from user.email)' "email named"
expect_in "$ERR" 'git config user.email "<you>@your-domain"' "shows the email command"
git config user.email "root@3f4e5a6b7c8d"
run ugit commit -m "feat: train"
expect_rc 1 "container email refused"
expect_in "$ERR" "is a system account of the machine or container image" "root refused"
git config user.email "grace@3f4e5a6b7c8d"
run ugit commit -m "feat: train"
expect_rc 1 "container host refused"
expect_in "$ERR" "has a container id as host" "container id host refused"
git config user.email "grace@localhost"
run ugit commit -m "feat: train"
expect_rc 1 "localhost refused"
expect_in "$ERR" "has no mail domain" "localhost named"
expect_eq "$(git rev-parse HEAD)" "$HEAD_BEFORE" "no commit was made"

scenario "author.* and committer.* config keys, the environment and --author"
start
git config user.name "Grace Hopper"
git config user.email "grace@navy.example.org"
git config committer.name "root"
run ugit commit -m "feat: train"
expect_rc 1 "committer.name refused"
expect_in "$ERR" 'committer name "root" is a system account' "only the committer"
expect_in "$ERR" "(from committer.name)" "source named"
expect_in "$ERR" 'git config committer.name "<your full name>"' "fix names the key in use"
expect_not_in "$ERR" "author name" "the author is fine"
git config --unset committer.name
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME \
  GIT_COMMITTER_EMAIL=your.email@example.com git commit -m "feat: train"
expect_rc 1 "environment committer refused"
expect_in "$ERR" "(from GIT_COMMITTER_EMAIL)" "the variable is named"
expect_in "$ERR" "unset GIT_COMMITTER_EMAIL" "the fix says to unset it"
run ugit commit --author "Your Name <grace@navy.example.org>" -m "feat: train"
expect_rc 1 "--author placeholder refused"
expect_in "$ERR" 'author name "Your Name"' "the --author value is checked"
run ugit commit -m "feat: train"
expect_rc 0 "the configured identity passes"

scenario "allowed domains"
start
git config user.name "Grace Hopper"
git config user.email "grace@gmail.com"
printf 'identity:\n  allowed_domains: [navy.example.org]\n' > .preflight.yaml
git add .preflight.yaml
run ugit commit -m "feat: train"
expect_rc 1 "outside the allowed domains"
expect_in "$ERR" "is outside the allowed domains (identity.allowed_domains)" "reason"
expect_in "$ERR" 'git config user.email "<you>@navy.example.org"' "the fix uses the allowed domain"
git config user.email "grace@lab.navy.example.org"
run ugit commit -m "feat: train"
expect_rc 0 "a subdomain of an allowed domain passes"

scenario "SKIP=identity, identity.allow, and CI runs of preflight run"
start
git config user.name "root"
git config user.email "grace@navy.example.org"
SKIP=identity run ugit commit -m "feat: train"
expect_rc 0 "SKIP=identity lets the commit through"
echo y >> train.py && git add train.py
printf 'identity:\n  allow: [root]\n' > .preflight.local.yaml
run ugit commit -m "fix: train"
expect_rc 0 "identity.allow lets a listed value through"
rm .preflight.local.yaml
git config --unset user.name
git config --unset user.email
git config --global --unset user.name
git config --global --unset user.email
run env -u CI -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL "$PREFLIGHT" run pre-commit
expect_rc 1 "no identity at all: refused"
expect_in "$ERR" "author and committer name is not set" "unset name"
expect_in "$ERR" "author and committer email is not set" "unset email"
run env -u GIT_AUTHOR_NAME -u GIT_AUTHOR_EMAIL -u GIT_COMMITTER_NAME -u GIT_COMMITTER_EMAIL CI=true "$PREFLIGHT" run pre-commit
expect_rc 0 "CI=true without a commit in progress: not checked"

finish

// unique_ptr owners for the libgit2 objects used outside repository.cpp.
// Included only by files of src/git/.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace preflight::git {

template <typename T, void (*Free)(T*)> struct Freer {
  void operator()(T* p) const { Free(p); }
};
template <typename T, void (*Free)(T*)> using Owned = std::unique_ptr<T, Freer<T, Free>>;

using ObjectPtr = Owned<git_object, git_object_free>;
using ReferencePtr = Owned<git_reference, git_reference_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;
using RevwalkPtr = Owned<git_revwalk, git_revwalk_free>;
using ReflogPtr = Owned<git_reflog, git_reflog_free>;
using IndexPtr = Owned<git_index, git_index_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using DiffPtr = Owned<git_diff, git_diff_free>;
using SignaturePtr = Owned<git_signature, git_signature_free>;
using IteratorPtr = Owned<git_reference_iterator, git_reference_iterator_free>;

// Hex of an object id.
inline std::string hex(const git_oid* oid) {
  char text[GIT_OID_HEXSZ + 1];
  git_oid_tostr(text, sizeof text, oid);
  return text;
}

// The tree of the commit named by hex id; throws Error when there is none.
TreePtr commit_tree_of(git_repository* repo, const std::string& id);

} // namespace preflight::git

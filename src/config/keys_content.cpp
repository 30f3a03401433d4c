// Rules-file keys of the content checks (checkpoints, large files, ...). The key
// defaults leave every check off; the shipped `default` rule set turns them on.
#include "config/schema.hpp"

namespace preflight::config {

namespace {

constexpr KeyDef k_content_keys[] = {
    {"checks", ValueType::section, "",
     "Content checks on staged files (pre-commit) and pushed commits (pre-push)."},

    {"checks.checkpoints", ValueType::section, "", "Model checkpoints and weights."},
    {"checks.checkpoints.enabled", ValueType::boolean, "false",
     "Refuse checkpoints and weights, by name and by content."},
    {"checks.checkpoints.patterns", ValueType::string_list,
     "['*.pt', '*.pth', '*.ckpt', '*.safetensors', '*.onnx', '*.h5', '*.hdf5', '*.keras', "
     "'*.gguf', '*.ggml', '*.tflite', '*.mlmodel', 'checkpoints/', "
     "'runs/', 'wandb/', 'lightning_logs/', 'mlruns/', '__pycache__/', '*.pyc', "
     "'.ipynb_checkpoints/']",
     "Paths refused whatever their size (gitignore patterns)."},
    {"checks.checkpoints.array_patterns", ValueType::string_list,
     "['*.npy', '*.npz', '*.pkl', '*.pickle', '*.joblib']",
     "Paths refused when larger than array_max_size (small ones are often test data)."},
    {"checks.checkpoints.array_max_size", ValueType::size, "1MB",
     "Size above which array_patterns files are refused."},
    {"checks.checkpoints.sniff", ValueType::boolean, "true",
     "Also refuse files whose bytes are a checkpoint (torch zip or pickle, safetensors, HDF5, "
     "NumPy, npz, pickle, GGUF, GGML, ONNX, TensorFlow Lite; also as the first file of a tar "
     "or gzip), whatever their name."},
    {"checks.checkpoints.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"checks.large_files", ValueType::section, "", "Files over a size limit."},
    {"checks.large_files.enabled", ValueType::boolean, "false", "Refuse files over max_size."},
    {"checks.large_files.max_size", ValueType::size, "10MB",
     "The limit (Git LFS pointers are exempt)."},
    {"checks.large_files.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"checks.conflict_markers", ValueType::section, "", "Unresolved merge conflicts."},
    {"checks.conflict_markers.enabled", ValueType::boolean, "false",
     "Refuse text files with <<<<<<< / >>>>>>> conflict markers."},
    {"checks.conflict_markers.allow", ValueType::string_list, "[]",
     "Paths this check lets through."},

    {"checks.private_keys", ValueType::section, "", "Private keys and cloud credentials."},
    {"checks.private_keys.enabled", ValueType::boolean, "false",
     "Refuse private keys (PEM, OpenSSH, PGP, PuTTY) and AWS, OpenAI, Anthropic, GitHub, "
     "GitLab, Slack, Stripe, Google, Hugging Face, npm and PyPI tokens (docs/secrets.md)."},
    {"checks.private_keys.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"checks.case_conflicts", ValueType::section, "", "Names that differ only in case."},
    {"checks.case_conflicts.enabled", ValueType::boolean, "false",
     "Refuse paths that clash on case-insensitive file systems (macOS, Windows)."},
    {"checks.case_conflicts.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"checks.symlinks", ValueType::section, "", "Broken symbolic links."},
    {"checks.symlinks.enabled", ValueType::boolean, "false",
     "Refuse symbolic links whose target is in neither the commit nor the file system."},
    {"checks.symlinks.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"checks.lfs", ValueType::section, "", "Files given to Git LFS stored as LFS pointers."},
    {"checks.lfs.enabled", ValueType::boolean, "false",
     "Refuse a file that .gitattributes gives to LFS (filter=lfs) when its blob is not an LFS "
     "pointer (git-lfs missing, or its filter did not run)."},
    {"checks.lfs.allow", ValueType::string_list, "[]", "Paths this check lets through."},

    {"pre_push.protected_branches", ValueType::string_list, "[main, master, 'release/*']",
     "Branches that pushes may not delete or force (glob patterns)."},
    {"pre_push.check_messages", ValueType::boolean, "true",
     "Check every pushed commit's message with the commit_msg rules."},
    {"pre_push.check_content", ValueType::boolean, "true",
     "Run the content checks on every file a pushed commit adds or changes."},
    {"pre_push.refuse_backup_branches", ValueType::boolean, "true",
     "Refuse pushing backup/* branches (they are local safety nets)."},
};

} // namespace

std::span<const KeyDef> content_keys() {
  return k_content_keys;
}

} // namespace preflight::config

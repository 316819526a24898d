using AtlasGuard.Formats.Python;

namespace AtlasGuard.Detectors.Code;

/// <summary>
/// The calls the code rules can ever report or follow, as a <see cref="PythonCallFilter"/>: last name parts and
/// modules from <c>code-calls.json</c>, the hub, archive, LLM source and sink names of the structural checks, and
/// the keywords of the rows that match any callee. The parser builds call sites only for these.
/// </summary>
internal static class CodeVocabulary
{
    private static readonly Lazy<PythonCallFilter> Instance = new(() => Create().Filter);

    // Names the structural checks look for (HubDownloadCheck, TarExtractCheck, LlmOutputTaintCheck and its sinks).
    private static readonly string[] CheckNames =
    [
        "from_pretrained", "hf_hub_download", "snapshot_download", "load_dataset", "SentenceTransformer", "pipeline",
        "extractall", "extract", "unpack_archive", "open",
        "invoke", "ainvoke", "predict", "apredict", "generate_content", "chat", "complete", "acomplete", "completion", "acompletion",
        "predict_messages", "run_agent", "create", "acreate", "stream", "generate",
        "exec", "eval", "compile", "system", "popen", "execute", "executemany", "executescript", "exec_driver_sql", "read_sql", "read_sql_query", "text",
        "run_path", "run_module", "fork", "posix_spawn", "posix_spawnp", "spawn", "getoutput", "create_subprocess_shell", "create_subprocess_exec",
        "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe",
        "execl", "execle", "execlp", "execlpe", "execv", "execve", "execvp", "execvpe",
    ];

    private static readonly string[] CheckModules = ["subprocess", "tarfile", "builtins", "runpy", "pty", "commands"];

    // The attribute names and Jupyter configurables SettingAssignmentCheck reads off assignment targets.
    private static readonly string[] SettingWords = ["verify", "check_hostname", "verify_mode", "ServerApp", "NotebookApp", "IdentityProvider",
        "PasswordIdentityProvider", "LabApp", "LabServerApp"];

    private static readonly Lazy<CodeWords> Words = new(() => new CodeWords(Create().Words.Concat(SettingWords)));

    public static PythonCallFilter Filter => Instance.Value;

    /// <summary>
    /// Whether <paramref name="text"/> may hold anything the code rules report: false only when no word of the filter or of
    /// the setting checks occurs in it as a whole identifier, so the piece needs no tokenizing at all.
    /// </summary>
    public static bool MayMatter(string text) => Words.Value.AnyIn(text);

    private static (PythonCallFilter Filter, IEnumerable<string> Words) Create()
    {
        var names = new HashSet<string>(CheckNames, StringComparer.Ordinal);
        var modules = new HashSet<string>(CheckModules, StringComparer.Ordinal);
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in CallRuleTable.Default.Rows)
        {
            foreach (var callee in row.Callees)
            {
                if (callee == "*")
                {
                    keywords.UnionWith(row.When.Select(c => c.Keyword));
                }
                else if (callee.EndsWith(".*", StringComparison.Ordinal))
                {
                    modules.Add(callee[..callee.IndexOf('.', StringComparison.Ordinal)]);
                }
                else
                {
                    names.Add(callee[(callee.LastIndexOf('.') + 1)..]);
                }
            }
        }

        return (new PythonCallFilter(names, modules, keywords), names.Concat(modules).Concat(keywords));
    }
}

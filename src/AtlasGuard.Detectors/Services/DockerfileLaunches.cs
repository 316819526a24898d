using AtlasGuard.Core.Services;
using AtlasGuard.Formats.Docker;
using AtlasGuard.Formats.Shell;

namespace AtlasGuard.Detectors.Services;

/// <summary>
/// The final stage of a Dockerfile: the product it runs (by base image or command), the ports it EXPOSEs and the
/// flags and ENV it starts with. An image that exposes a service port and binds it to all interfaces is built to be
/// reached from other machines.
/// </summary>
internal static class DockerfileLaunches
{
    private sealed class Stage
    {
        public string? Image { get; set; }

        public List<(string Name, string Value, int Line)> Env { get; } = [];

        public List<OpenPort> Exposed { get; } = [];

        public DockerInstruction? Cmd { get; set; }

        public DockerInstruction? Entrypoint { get; set; }

        public int Line { get; set; }
    }

    public static ServiceLaunch? Read(string text, MlopsServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var stages = new Dictionary<string, Stage>(StringComparer.OrdinalIgnoreCase);
        Stage? stage = null;
        foreach (var instruction in DockerfileReader.Read(text, cancellationToken))
        {
            if (instruction.Keyword == "FROM")
            {
                stage = From(instruction, stages);
                continue;
            }

            if (stage is null)
            {
                continue;
            }

            switch (instruction.Keyword)
            {
                case "ENV":
                    Env(instruction, stage);
                    break;
                case "EXPOSE":
                    Expose(instruction, stage);
                    break;
                case "CMD":
                    stage.Cmd = instruction;
                    break;
                case "ENTRYPOINT":
                    stage.Entrypoint = instruction;
                    stage.Cmd = null;
                    break;
            }
        }

        return stage is null ? null : Launch(stage, catalog);
    }

    private static Stage From(DockerInstruction from, Dictionary<string, Stage> stages)
    {
        var words = from.Words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var stage = new Stage { Image = words.Count > 0 ? words[0] : null, Line = from.Line };
        if (stage.Image is not null && stages.TryGetValue(stage.Image, out var parent))
        {
            stage.Image = parent.Image;
            stage.Env.AddRange(parent.Env);
            stage.Exposed.AddRange(parent.Exposed);
            stage.Cmd = parent.Cmd;
            stage.Entrypoint = parent.Entrypoint;
        }

        var alias = words.FindIndex(w => w.Equals("AS", StringComparison.OrdinalIgnoreCase));
        if (alias >= 0 && alias + 1 < words.Count)
        {
            stages[words[alias + 1]] = stage;
        }

        return stage;
    }

    private static void Env(DockerInstruction env, Stage stage)
    {
        var words = env.Words;
        if (words.Count >= 2 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            // Legacy form: ENV NAME value with spaces
            stage.Env.Add((words[0], string.Join(' ', words.Skip(1)), env.Line));
            return;
        }

        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                stage.Env.Add((word[..eq], word[(eq + 1)..], env.Line));
            }
        }
    }

    private static void Expose(DockerInstruction expose, Stage stage)
    {
        foreach (var word in expose.Words)
        {
            var bare = word.Split('/')[0];
            var dash = bare.IndexOf('-', StringComparison.Ordinal);
            if (int.TryParse(dash < 0 ? bare : bare[..dash], out var from) && int.TryParse(dash < 0 ? bare : bare[(dash + 1)..], out var to) && from is > 0 and <= 65535 && to >= from && to <= 65535)
            {
                stage.Exposed.Add(new OpenPort(from, to, $"the image EXPOSEs {word}", expose.Line));
            }
        }
    }

    private static ServiceLaunch? Launch(Stage stage, MlopsServiceCatalog catalog)
    {
        var words = new List<string>();
        if (stage.Entrypoint is { } entrypoint)
        {
            words.AddRange(entrypoint.Words);
        }

        if (stage.Cmd is { } cmd && (stage.Entrypoint is null || stage.Entrypoint.ExecForm is not null))
        {
            words.AddRange(cmd.Words);
        }

        var found = LaunchCommands.FindProduct(words.Take(ShellLexer.MaxWords).ToList(), catalog);
        var byImage = catalog.MatchImage(stage.Image);
        var service = found?.Service ?? byImage;
        if (service is null)
        {
            return null;
        }

        var commandLine = (stage.Cmd ?? stage.Entrypoint)?.Line ?? stage.Line;
        var launch = new ServiceLaunch
        {
            Service = service,
            Context = LaunchContext.Image,
            Where = "the image this Dockerfile builds",
            Line = stage.Line,
            Words = found is { } f ? f.Command.Words : words,
            CommandLine = commandLine,
            DefaultListen = byImage?.Id == service.Id ? service.ImageListen : null,
        };
        foreach (var (name, value, line) in stage.Env)
        {
            launch.Env[name] = (value, line);
        }

        foreach (var (name, value) in found?.Command.Env ?? [])
        {
            launch.Env[name] = (value, commandLine);
        }

        launch.Open.AddRange(stage.Exposed);
        return launch;
    }
}

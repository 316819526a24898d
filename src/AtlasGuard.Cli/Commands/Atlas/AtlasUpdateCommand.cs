using System.Text;
using System.Text.Json;
using AtlasGuard.Cli.Output;
using AtlasGuard.Core.Atlas.Update;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AtlasGuard.Cli.Commands.Atlas;

/// <summary>
/// <c>atlasguard atlas update</c>: downloads the newest official ATLAS release into the user's cache. One of the few
/// commands that use the network; every other command keeps working offline with the embedded catalog.
/// </summary>
internal sealed class AtlasUpdateCommand(IAnsiConsole console, TimeProvider time, AtlasCache defaultCache) : AsyncCommand<AtlasUpdateSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, AtlasUpdateSettings settings, CancellationToken cancellationToken)
    {
        var cache = settings.CacheDir is null ? defaultCache : new AtlasCache(settings.CacheDir);
        var options = new AtlasUpdateOptions
        {
            Source = settings.SourceUri ?? AtlasUpdateOptions.LatestRelease,
            ExpectedSha256 = settings.ExpectedSha256,
            Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            MaxBytes = settings.MaxBytes,
        };

        var result = await new AtlasUpdater(time).UpdateAsync(cache, options, cancellationToken).ConfigureAwait(false);
        if (settings.Format == "json")
        {
            console.Profile.Out.Writer.Write(Json(result));
        }
        else if (result.Succeeded)
        {
            WriteText(result);
        }

        if (!result.Succeeded)
        {
            Errors.Print([result.Message]);
            return ExitCodes.UsageError;
        }

        return ExitCodes.Clean;
    }

    private void WriteText(AtlasUpdateResult result)
    {
        var catalog = result.Catalog!;
        var manifest = result.Manifest!;
        var headline = result.Outcome == AtlasUpdateOutcome.AlreadyUpToDate ? "Already up to date" : "Downloaded";
        console.MarkupLine($"{headline}: [bold]ATLAS {Markup.Escape(catalog.Version)}[/]");
        console.MarkupLine($"  {catalog.Tactics.Length} tactics, {catalog.Techniques.Length} techniques, "
            + $"{catalog.Mitigations.Length} mitigations, {catalog.CaseStudies.Length} case studies");
        console.MarkupLine($"  sha256 {manifest.Sha256}, {manifest.Size:N0} bytes");
        console.MarkupLine($"  from   {Markup.Escape(manifest.SourceUrl)}");
        console.MarkupLine($"  saved  {Markup.Escape(result.Path!)}");
    }

    private static string Json(AtlasUpdateResult result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", result.Outcome switch
            {
                AtlasUpdateOutcome.Updated => "updated",
                AtlasUpdateOutcome.AlreadyUpToDate => "up-to-date",
                AtlasUpdateOutcome.Unreachable => "unreachable",
                _ => "rejected",
            });
            writer.WriteString("message", result.Message);
            if (result is { Catalog: { } catalog, Manifest: { } manifest })
            {
                writer.WriteString("version", catalog.Version);
                writer.WriteNumber("tactics", catalog.Tactics.Length);
                writer.WriteNumber("techniques", catalog.Techniques.Length);
                writer.WriteNumber("mitigations", catalog.Mitigations.Length);
                writer.WriteNumber("caseStudies", catalog.CaseStudies.Length);
                writer.WriteString("sha256", manifest.Sha256);
                writer.WriteNumber("size", manifest.Size);
                writer.WriteString("source", manifest.SourceUrl);
                writer.WriteString("path", result.Path);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}

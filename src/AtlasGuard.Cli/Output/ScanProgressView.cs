using AtlasGuard.Core.Scanning;
using Spectre.Console;

namespace AtlasGuard.Cli.Output;

/// <summary>A progress bar by bytes while a scan runs on a terminal.</summary>
internal static class ScanProgressView
{
    public static async Task<ScanResult> RunAsync(IAnsiConsole console, bool show, Func<IProgress<ScanProgress>?, Task<ScanResult>> scan)
    {
        if (!show)
        {
            return await scan(null).ConfigureAwait(false);
        }

        ScanResult? result = null;
        await console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("Scanning", maxValue: 1);
                var progress = new Progress<ScanProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesDone;
                    task.Description = $"Scanning {p.FilesDone}/{p.FilesTotal} files";
                });
                result = await scan(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }
}

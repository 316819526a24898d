using System.Collections.Concurrent;
using System.Collections.Immutable;
using AtlasGuard.Core.Findings;

namespace AtlasGuard.Core.Scanning;

/// <summary>The one sink of a scan: thread-safe while workers report, sorted and de-duplicated at the end.</summary>
public sealed class FindingCollector : IFindingSink
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    /// <inheritdoc />
    public void Report(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        _findings.Enqueue(finding);
    }

    /// <summary>The findings so far, in <see cref="FindingOrder"/>, without exact duplicates.</summary>
    public ImmutableArray<Finding> ToSortedArray()
    {
        var all = _findings.ToArray();
        Array.Sort(all, FindingOrder.Instance);
        var builder = ImmutableArray.CreateBuilder<Finding>(all.Length);
        Finding? previous = null;
        foreach (var f in all)
        {
            if (previous is not null && FindingOrder.Instance.Compare(previous, f) == 0)
            {
                continue;
            }

            builder.Add(f);
            previous = f;
        }

        return builder.ToImmutable();
    }
}

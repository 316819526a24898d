namespace AtlasGuard.Core.Scanning;

/// <summary>
/// Bytes that may still be decompressed out of one file on disk. Shared by all its members; one file is
/// processed by one worker at a time, so no locking is needed.
/// </summary>
internal sealed class DecompressionBudget(long limit)
{
    public long Remaining { get; private set; } = limit;

    public string? ExceededReason { get; private set; }

    public bool TryConsume(long bytes)
    {
        Remaining -= bytes;
        return Remaining >= 0;
    }

    public void MarkExceeded(string reason) => ExceededReason ??= reason;
}

/// <summary>Thrown by <see cref="BudgetStream"/> when a budget is spent; an IOException so every reader stops cleanly.</summary>
internal sealed class ScanBudgetExceededException(string message) : IOException(message);

/// <summary>
/// Counts what is read from a decompressing member stream against the file's budget and the member's
/// compression ratio, and stops the read once either is exceeded.
/// </summary>
internal sealed class BudgetStream(Stream inner, DecompressionBudget budget, long? compressedLength, long maxRatio, string memberPath) : Stream
{
    private const long RatioGrace = 1 << 20;
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Account(n);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(n);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Account(int n)
    {
        if (n <= 0)
        {
            return;
        }

        _read += n;
        if (!budget.TryConsume(n))
        {
            var reason = $"decompressed data exceeds the budget of the file (reading '{memberPath}')";
            budget.MarkExceeded(reason);
            throw new ScanBudgetExceededException(reason);
        }

        if (compressedLength is { } c && _read > RatioGrace && _read > c * maxRatio)
        {
            var reason = $"'{memberPath}' expands more than {maxRatio}:1 ({c} compressed bytes)";
            budget.MarkExceeded(reason);
            throw new ScanBudgetExceededException(reason);
        }
    }
}

using System.Globalization;

namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>
/// joblib's NumpyPickler layout: after the BUILD of a <c>NumpyArrayWrapper</c>, the array follows inside the stream:
/// optional alignment padding (one length byte, then that many bytes) and <c>prod(shape) * itemsize</c> raw bytes,
/// or, for object dtypes, a complete nested pickle (protocol 2) read by a plain <c>pickle.load</c>.
/// </summary>
internal sealed partial class StreamInterpreter
{
    private bool ReadJoblibArray(InstanceValue wrapper, in SymValue state)
    {
        wrapper.WrapperState ??= new DictValue();
        if (state.Ref is DictValue dict)
        {
            foreach (var entry in dict.Entries)
            {
                wrapper.WrapperState.Set(SymValue.Text(entry.Key, entry.Key.Length, ValueKind.Str), entry.Value, _text);
            }
        }

        var attributes = wrapper.WrapperState;
        if (!attributes.TryGet("shape", out var shapeValue) || shapeValue.Ref is not TupleValue shape || shape.IntProduct < 0)
        {
            return Fail(PickleOutcome.Malformed, "joblib NumpyArrayWrapper without a shape of non-negative ints");
        }

        if (!attributes.TryGet("dtype", out var dtypeValue) || dtypeValue.Ref is not InstanceValue { Dtype: { } dtype })
        {
            return Fail(PickleOutcome.Malformed, "joblib NumpyArrayWrapper without a numpy dtype");
        }

        var arrayOffset = _source.Position;
        if (FirstJoblibArrayOffset < 0)
        {
            FirstJoblibArrayOffset = arrayOffset;
        }

        if (_source.FrameEnd > arrayOffset)
        {
            _recorder.RecordAnomaly(PickleAnomalyKind.IrregularJoblibArray, _opOffset,
                $"joblib array bytes start inside a frame that ends at {_source.FrameEnd}");
        }

        _source.ResetFrame();
        _report.JoblibArrayCount++;
        if (dtype.TypeString.StartsWith('O') || (dtype.Flags & 1) != 0)
        {
            // Object arrays are a nested pickle written without alignment padding.
            return ReadObjectArray(wrapper);
        }

        long padding = 0;
        if (attributes.TryGet("numpy_array_alignment_bytes", out var alignment) && alignment.Kind != ValueKind.None)
        {
            if (_source.Read(1, out var paddingByte) != ReadStatus.Ok)
            {
                return ReadFailed(ReadStatus.EndOfData, "joblib array padding truncated");
            }

            padding = paddingByte[0];
            var skipped = _source.Skip(padding);
            if (skipped != ReadStatus.Ok)
            {
                return ReadFailed(skipped, "joblib array padding truncated");
            }

            padding++;
        }

        var itemSize = dtype.ElementSize > 0 ? dtype.ElementSize : ItemSize(dtype.TypeString);
        if (itemSize <= 0)
        {
            return Fail(PickleOutcome.Malformed, $"joblib array with unknown dtype '{ArgumentFormatter.Printable(dtype.TypeString)}'");
        }

        var count = shape.Count == 0 ? 1 : shape.IntProduct;
        if (count != 0 && itemSize > long.MaxValue / count)
        {
            return Fail(PickleOutcome.Malformed, "joblib array size overflows");
        }

        var size = count * itemSize;
        var status = _source.Skip(size);
        if (status != ReadStatus.Ok)
        {
            return ReadFailed(status, $"joblib array of {size} bytes runs past the end of the input");
        }

        _report.JoblibArrayBytes += padding + size;
        _stack[_sp - 1] = SymValue.Object(new InstanceValue(wrapper.Origin, PickleOpcode.Build, _opOffset));
        return true;
    }

    private bool ReadObjectArray(InstanceValue wrapper)
    {
        var nested = new StreamInterpreter(_source, _options, PickleStreamRole.JoblibObjectArray, joblibAware: false,
            _cancellationToken);
        var report = nested.Run();
        _source.Listener = this;
        _nested.Add(report);
        if (report.Outcome != PickleOutcome.Complete)
        {
            return Fail(report.Outcome, $"joblib object array pickle at {report.StartOffset}: {report.Problem}", report.Budget);
        }

        _stack[_sp - 1] = SymValue.Object(new InstanceValue(wrapper.Origin, PickleOpcode.Build, _opOffset));
        return true;
    }

    /// <summary>Item size from a numpy type string such as f8, i4, c16, U5 (4 bytes per char), S5, V16, M8, O8.</summary>
    internal static long ItemSize(string typeString)
    {
        var text = typeString.TrimStart('<', '>', '|', '=');
        if (text.Length < 2)
        {
            return text is "b" or "B" or "?" ? 1 : -1;
        }

        var kind = text[0];
        var digits = text[1..];
        var bracket = digits.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            digits = digits[..bracket];
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > int.MaxValue)
        {
            return -1;
        }

        return kind switch
        {
            'U' => n * 4,
            'b' or 'i' or 'u' or 'f' or 'c' or 'S' or 'V' or 'M' or 'm' or 'O' or 'a' => n,
            _ => -1,
        };
    }
}

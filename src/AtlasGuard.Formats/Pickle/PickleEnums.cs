namespace AtlasGuard.Formats.Pickle;

/// <summary>How the analysis of a pickle stream (or file) ended.</summary>
public enum PickleOutcome
{
    /// <summary>The stream reached its STOP opcode without any problem.</summary>
    Complete,

    /// <summary>The input ended before STOP (CPython raises "pickle data was truncated" / "Ran out of input").</summary>
    Truncated,

    /// <summary>An invalid opcode, argument, stack state or memo access made CPython raise at <c>ProblemOffset</c>.</summary>
    Malformed,

    /// <summary>A budget from <see cref="PickleAnalysisOptions"/> was exhausted; the analysis is inconclusive.</summary>
    BudgetExceeded,

    /// <summary>The underlying stream threw an I/O error while it was read.</summary>
    ReadError,
}

/// <summary>The budget that stopped an analysis with <see cref="PickleOutcome.BudgetExceeded"/>.</summary>
public enum PickleBudget
{
    /// <summary>No budget was exceeded.</summary>
    None,

    /// <summary><see cref="PickleAnalysisOptions.MaxOpcodes"/>.</summary>
    Opcodes,

    /// <summary><see cref="PickleAnalysisOptions.MaxStackDepth"/>.</summary>
    StackDepth,

    /// <summary><see cref="PickleAnalysisOptions.MaxMarkDepth"/>.</summary>
    MarkDepth,

    /// <summary><see cref="PickleAnalysisOptions.MaxMemoEntries"/>.</summary>
    MemoEntries,

    /// <summary><see cref="PickleAnalysisOptions.MaxTotalBytes"/>.</summary>
    TotalBytes,

    /// <summary><see cref="PickleAnalysisOptions.MaxStreams"/>.</summary>
    Streams,

    /// <summary><see cref="PickleAnalysisOptions.MaxErrorsAfterProblem"/>: too many errors after the first problem.</summary>
    ErrorsAfterProblem,
}

/// <summary>The overall layout recognised for a file of pickle streams.</summary>
public enum PickleFileLayout
{
    /// <summary>No pickle stream at all (empty input or data that does not start a pickle).</summary>
    None,

    /// <summary>One or more consecutive pickle streams.</summary>
    Generic,

    /// <summary>Legacy (non-zip) <c>torch.save</c>: literal magic number, protocol version, sys_info, object,
    /// storage keys, then raw storage bytes.</summary>
    TorchLegacy,

    /// <summary>A joblib file: NumpyArrayWrapper objects followed by inline array bytes.</summary>
    Joblib,

    /// <summary>The <c>storages</c> member of a legacy PyTorch tar: pickles interleaved with raw storage bytes.</summary>
    TorchLegacyTarStorages,

    /// <summary>The <c>tensors</c> member of a legacy PyTorch tar: pickles interleaved with raw size and stride records.</summary>
    TorchLegacyTarTensors,
}

/// <summary>Why a stream was parsed.</summary>
public enum PickleStreamRole
{
    /// <summary>A stream of the file itself.</summary>
    TopLevel,

    /// <summary>The nested pickle that joblib writes for an object-dtype array.</summary>
    JoblibObjectArray,

    /// <summary>The same bytes re-read the way <c>pickle.loads</c> (or a peeking file) reads them, because a FRAME
    /// overrun makes that reading differ from the file reading of the primary analysis.</summary>
    AlternateContiguousFrames,

    /// <summary>The same bytes re-read by a plain (non-joblib) unpickler, which does not skip joblib array bytes.</summary>
    AlternatePlainPickle,
}

/// <summary>What the callee of a <see cref="PickleCall"/> is.</summary>
public enum PickleCalleeKind
{
    /// <summary>An imported global (GLOBAL, STACK_GLOBAL, INST) is called or mutated directly.</summary>
    Import,

    /// <summary>An object produced by an earlier call (its <see cref="PickleCall.Callee"/> is the import that
    /// created it, when known) is called or has a method invoked.</summary>
    Instance,

    /// <summary>An object from the copyreg extension registry (EXT1/EXT2/EXT4); it cannot be resolved statically.</summary>
    Extension,

    /// <summary>An object returned by <c>persistent_load</c>.</summary>
    Persistent,

    /// <summary>A value the analysis cannot identify (for example after a memo miss).</summary>
    Unknown,
}

/// <summary>Kinds of irregularities that CPython accepts or that legitimate picklers never write.</summary>
public enum PickleAnomalyKind
{
    /// <summary>An opcode's argument extends past the end of the enclosing FRAME: file-backed and in-memory loading
    /// read different bytes (CPython FRAME-length divergence).</summary>
    FrameOverrun,

    /// <summary>A FRAME opcode inside a frame, or a frame that extends past STOP.</summary>
    IrregularFrame,

    /// <summary>A second PROTO opcode.</summary>
    DuplicateProto,

    /// <summary>A PROTO opcode that is not the first opcode of the stream.</summary>
    MisplacedProto,

    /// <summary>A PROTO opcode with a version above 5 (CPython raises).</summary>
    UnknownProtocol,

    /// <summary>An opcode that the declared protocol does not have.</summary>
    OpcodeAboveProtocol,

    /// <summary>An INT/LONG argument that is not in canonical decimal form (for example <c>0x10</c>).</summary>
    NonCanonicalInt,

    /// <summary>EXT1/EXT2/EXT4: a callable taken from the copyreg extension registry.</summary>
    ExtensionCode,

    /// <summary>A GLOBAL/INST/STACK_GLOBAL module or name that is not a dotted identifier.</summary>
    SuspiciousName,

    /// <summary>A STRING/BINSTRING that is not ASCII (CPython's default decoding raises; some loaders accept it).</summary>
    NonAsciiString,

    /// <summary>Objects or marks remained on the stack at STOP.</summary>
    StackNotEmptyAtStop,

    /// <summary>An out-of-band buffer opcode (NEXT_BUFFER) that needs buffers passed by the caller.</summary>
    OutOfBandBuffer,

    /// <summary>joblib array bytes were found where the layout is unusual (for example inside a frame).</summary>
    IrregularJoblibArray,

    /// <summary>An error after the first problem (CPython stops at the first; listed for completeness).</summary>
    ErrorAfterProblem,
}

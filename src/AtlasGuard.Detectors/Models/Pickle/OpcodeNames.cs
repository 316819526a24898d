using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Detectors.Models.Pickle;

/// <summary>Opcodes as Python's pickle module names them (STACK_GLOBAL, NEWOBJ_EX), for evidence users can search.</summary>
internal static class OpcodeNames
{
    public static string Of(PickleOpcode opcode) => opcode switch
    {
        PickleOpcode.StackGlobal => "STACK_GLOBAL",
        PickleOpcode.NewObj => "NEWOBJ",
        PickleOpcode.NewObjEx => "NEWOBJ_EX",
        _ => opcode.ToString().ToUpperInvariant(),
    };
}

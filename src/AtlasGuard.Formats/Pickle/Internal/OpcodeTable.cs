namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Static facts about opcodes: validity and the protocol that introduced each.</summary>
internal static class OpcodeTable
{
    /// <summary>Protocol that introduced the opcode; 255 for bytes that are not opcodes.</summary>
    public static readonly byte[] MinProtocol = Build();

    public static bool IsValid(byte op) => MinProtocol[op] != 255;

    private static byte[] Build()
    {
        var table = new byte[256];
        Array.Fill(table, (byte)255);
        foreach (var c in "(.012FIJKLMNPQRSTUVXabcd}eghijl]opqrst)uG")
        {
            table[c] = c is 'J' or 'K' or 'M' or 'Q' or 'T' or 'U' or 'X' or '}' or 'e' or 'h' or 'j' or ']' or 'q' or 'r'
                or ')' or 'u' or 'G' or 'o' or '1' ? (byte)1 : (byte)0;
        }

        for (var op = 0x80; op <= 0x8b; op++)
        {
            table[op] = 2;
        }

        table['B'] = 3;
        table['C'] = 3;
        for (var op = 0x8c; op <= 0x95; op++)
        {
            table[op] = 4;
        }

        for (var op = 0x96; op <= 0x98; op++)
        {
            table[op] = 5;
        }

        return table;
    }
}

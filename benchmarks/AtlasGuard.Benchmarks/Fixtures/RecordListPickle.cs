using System.Globalization;

namespace AtlasGuard.Benchmarks.Fixtures;

/// <summary>
/// Writes <c>pickle.dump(records, f, protocol=4)</c> for a list of small dicts, as CPython lays it out: 64 KiB FRAMEs,
/// MEMOIZE after every new dict, list and str, BINGET for the shared keys and tag strings, BININT*/BINFLOAT/
/// SHORT_BINUNICODE values and APPENDS/SETITEMS batches of at most 1000. Record <c>i</c> is
/// <c>{'id': i, 'name': Name(i), 'score': (i % 10007) / 100, 'tags': [Vocabulary[i % 8], Label(i)]}</c>, where the
/// keys and vocabulary tags are shared str objects (memo hits) and the name and label are new str objects every
/// time, as after <c>json.load</c>. <c>benchmarks/python/check_fixtures.py</c> rebuilds the same list in Python.
/// With <c>memoizeAll: false</c> only the objects that a later BINGET needs (the keys and the vocabulary tags) are
/// memoised, which is what <c>pickletools.optimize</c> leaves of the same pickle (its frame boundaries differ a little):
/// a control for how much of the scan time the memo costs.
/// </summary>
internal static class RecordListPickle
{
    /// <summary>The default fixture: 3.5 million records (303.6 MB, 14 million memo entries, which stays under the
    /// analyser's default budget of 16 million).</summary>
    public const int DefaultRecords = 3_500_000;

    private const int BatchSize = 1000;

    private static readonly string[] FirstNames =
    [
        "Alexandra", "Benjamin", "Charlotte", "Dominic", "Eleanor", "Frederick", "Gabriella", "Harrison",
        "Isabella", "Jonathan", "Katherine", "Leonardo", "Margaret", "Nathaniel", "Olivia", "Priscilla",
    ];

    private static readonly string[] LastNames =
    [
        "Abernathy", "Blackwood", "Castellano", "Drummond", "Ellsworth", "Fairbanks", "Galloway", "Hawthorne",
        "Kingsley", "Lockwood", "Montgomery", "Pemberton", "Rutherford", "Sinclair", "Thornbury", "Whitfield", "Yardley",
    ];

    private static readonly string[] Regions = ["eu-west-1", "us-east-2", "ap-south-1", "sa-east-1", "ca-central-1"];

    /// <summary>Tags shared by object identity: pickled once, then BINGET.</summary>
    public static readonly string[] Vocabulary = ["premium", "trial", "enterprise", "free", "beta", "legacy", "partner", "internal"];

    public static string Name(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstNames[i % FirstNames.Length]} {LastNames[i % LastNames.Length]} #{i:D7}");

    public static string Label(int i) =>
        string.Create(CultureInfo.InvariantCulture, $"{Regions[i % Regions.Length]}/batch-{i / BatchSize:D5}");

    public static double Score(int i) => (i % 10007) / 100.0;

    public static void Write(string path, int records = DefaultRecords, bool memoizeAll = true)
    {
        using var file = FixtureFile.Create(path);
        using (var pickle = new PickleWriter(file.Stream, protocol: 4))
        {
            WriteList(pickle, records, memoizeAll);
        }

        file.Commit();
    }

    private static void WriteList(PickleWriter pickle, int records, bool memoizeAll)
    {
        pickle.Proto();
        pickle.BeginSave();
        pickle.Op(0x5D); // EMPTY_LIST
        MemoizeUnshared(pickle, memoizeAll);
        var keys = new int[4];
        Array.Fill(keys, -1);
        var vocabulary = new int[Vocabulary.Length];
        Array.Fill(vocabulary, -1);
        if (records == 1)
        {
            WriteRecord(pickle, 0, keys, vocabulary, memoizeAll);
            pickle.Op(0x61); // APPEND
        }
        else
        {
            for (var i = 0; i < records;)
            {
                pickle.Op(0x28); // MARK
                var end = Math.Min(records, i + BatchSize);
                for (; i < end; i++)
                {
                    WriteRecord(pickle, i, keys, vocabulary, memoizeAll);
                }

                pickle.Op(0x65); // APPENDS
            }
        }

        pickle.Stop();
    }

    private static void WriteRecord(PickleWriter pickle, int i, int[] keys, int[] vocabulary, bool memoizeAll)
    {
        pickle.BeginSave();
        pickle.Op(0x7D); // EMPTY_DICT
        MemoizeUnshared(pickle, memoizeAll);
        pickle.Op(0x28); // MARK
        Key(pickle, keys, 0, "id");
        pickle.Int(i);
        Key(pickle, keys, 1, "name");
        pickle.Str(Name(i));
        MemoizeUnshared(pickle, memoizeAll);
        Key(pickle, keys, 2, "score");
        pickle.Float(Score(i));
        Key(pickle, keys, 3, "tags");
        pickle.BeginSave();
        pickle.Op(0x5D); // EMPTY_LIST
        MemoizeUnshared(pickle, memoizeAll);
        pickle.Op(0x28); // MARK
        var tag = i % Vocabulary.Length;
        if (vocabulary[tag] >= 0)
        {
            pickle.Get(vocabulary[tag]);
        }
        else
        {
            vocabulary[tag] = pickle.StrMemo(Vocabulary[tag]);
        }

        pickle.Str(Label(i));
        MemoizeUnshared(pickle, memoizeAll);
        pickle.Op(0x65); // APPENDS
        pickle.Op(0x75); // SETITEMS
    }

    /// <summary>MEMOIZE for an object never referenced again: pickle writes it, pickletools.optimize drops it.</summary>
    private static void MemoizeUnshared(PickleWriter pickle, bool memoizeAll)
    {
        if (memoizeAll)
        {
            pickle.Memoize();
        }
    }

    private static void Key(PickleWriter pickle, int[] keys, int slot, string key)
    {
        if (keys[slot] >= 0)
        {
            pickle.Get(keys[slot]);
        }
        else
        {
            keys[slot] = pickle.StrMemo(key);
        }

    }
}

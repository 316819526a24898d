using System.Text;
using AtlasGuard.Formats.Pickle;

namespace AtlasGuard.Formats.Tests.Pickle;

public sealed class PickleSnifferTests
{
    [Theory]
    [InlineData("(lp0\nI1\naI2\na.")]
    [InlineData("(dp0\nS'a'\np1\nI1\ns.")]
    [InlineData("cos\nsystem\n(S'id'\ntR.")]
    [InlineData("N.")]
    [InlineData("(i__main__\nFoo\np0\n(dp1\nb.")]
    [InlineData("]q\u0000(K\u0001K\u0002e.")]
    public void Recognises_protocol_0_and_1_pickles(string text)
    {
        Assert.True(PickleSniffer.LooksLikePickle(Encoding.Latin1.GetBytes(text)));
    }

    [Theory]
    [InlineData("cmy-tools.run\nmain\n(tR.")]
    [InlineData("c\u043es\nsystem\n(S'id'\ntR.")]
    [InlineData("cos\nsystem\n(S'id'\ntR.")]
    public void A_global_python_could_import_makes_a_protocol_0_pickle_whatever_else_is_odd(string text)
    {
        Assert.True(PickleSniffer.LooksLikePickle(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_head_that_breaks_after_an_importable_global_is_a_pickle_because_python_runs_it_first()
    {
        Assert.True(PickleSniffer.LooksLikePickle("cos\nsystem\n(S'id'\ntR\xff\xfe garbage"u8));
        Assert.False(PickleSniffer.LooksLikePickle("NU\u0001x\xff\xfe garbage"u8));
        Assert.False(PickleSniffer.LooksLikePickle("cat\ndog\nNone\nowl\nbird\n"u8));
    }

    [Fact]
    public void Recognises_protocol_2_and_later_and_real_fixtures()
    {
        Assert.True(PickleSniffer.LooksLikePickle([0x80, 0x04, 0x95, 0, 0]));
        foreach (var name in new[] { "p0.pkl", "p2.pkl", "p5.pkl", "torch_legacy.pt" })
        {
            var bytes = File.ReadAllBytes(PickleTestHelpers.FixturePath(name));
            Assert.True(PickleSniffer.LooksLikePickle(bytes.AsSpan(0, Math.Min(bytes.Length, 64))), name);
        }
    }

    [Theory]
    [InlineData("class Foo:\n    pass\n")]
    [InlineData("import os\nimport sys\n")]
    [InlineData("{\"name\": \"model\", \"layers\": [1, 2]}")]
    [InlineData("id,name,score\n1,alice,0.5\n")]
    [InlineData("name: model\nversion: 3\n")]
    [InlineData("# Title\n\nSome *markdown* text.\n")]
    [InlineData("def main():\n    return 0\n")]
    [InlineData("Please read the README\nThanks\n")]
    [InlineData("GETTING STARTED\n")]
    [InlineData("(defun foo () 1)")]
    [InlineData("N")]
    [InlineData("0,1,2\n")]
    [InlineData("I am a text file\n")]
    [InlineData("Sure, here it is.\n")]
    [InlineData("GIT v1.5.2.1 Release Notes\n==========================\n")]
    [InlineData("((global,factory)=>{\"object\"==typeof exports&&\"undefined\"!=typeof module?factory(exports):0})(this,function(e){})")]
    [InlineData("((p1,p2)=>p1+p2)(1,2)")]
    public void Rejects_ordinary_text(string text)
    {
        Assert.False(PickleSniffer.LooksLikePickle(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Rejects_a_wheel_record_whose_lines_read_as_globals_no_python_could_import()
    {
        // A RECORD is CSV: every line that starts with 'c' reads as a protocol 0 GLOBAL of the next line.
        var lines = new List<string>
        {
            "click-8.4.0.dist-info/INSTALLER,sha256=zuuue4knoyJ-UwPPXg8fezS7VCrXJQrAP7zeNuwvFQg,4",
            "click-8.4.0.dist-info/METADATA,sha256=xjk9ZWQ_hJL1BU_Qxzz_CMfjpXtNPRtTL6aHsWCHFi4,2621",
            "click-8.4.0.dist-info/RECORD,,",
            "click-8.4.0.dist-info/WHEEL,sha256=G2gURzTEtmeR8nrdXUJfNiB3VYVxigPQ-bEQujpNiNs,82",
            "click/__init__.py,sha256=FId2fXCSJB3yeWD-e2uON-mBhFa2Yc9MvXGmHu8OXG0,4634",
        };
        lines.AddRange(new[] { "_compat", "core", "decorators", "exceptions", "formatting", "globals", "parser", "termui", "testing", "types", "utils" }
            .Select(m => $"click/__pycache__/{m}.cpython-311.pyc,,"));
        var record = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

        Assert.False(PickleSniffer.LooksLikePickle(record));
        Assert.False(PickleSniffer.LooksLikePickle(record.AsSpan(0, 512)));
    }

    [Fact]
    public void A_type_1_font_is_not_a_protocol_1_pickle_but_a_crafted_one_is()
    {
        // A PFB segment: 0x80, type 1 (ASCII), a little-endian length, then PostScript.
        byte[] font = [0x80, 0x01, 0xbf, 0x10, 0x00, 0x00, .. "%!PS-AdobeFont-1.0: CMR10 003.002\n%%Title: CMR10\n"u8];
        Assert.False(PickleSniffer.LooksLikePickle(font));

        byte[] crafted = [0x80, 0x01, .. "cos\nsystem\n(S'id'\ntR."u8];
        Assert.True(PickleSniffer.LooksLikePickle(crafted));
    }

    [Fact]
    public void A_record_whose_garbage_globals_are_called_is_still_text()
    {
        // RECORD-like lines read as a GLOBAL, then a REDUCE that "calls" it: the import cannot happen, so neither can the call.
        var record = "charset_normalizer/utils.py,sha256=75ac,11548\ncharset_normalizer/version.py,sha256=25ed,79\n)R.";
        Assert.False(PickleSniffer.LooksLikePickle(Encoding.UTF8.GetBytes(record)));
    }

    [Fact]
    public void Rejects_random_binary_and_bad_protocols()
    {
        Assert.False(PickleSniffer.LooksLikePickle([0x80, 0x09, 0x4e]));
        Assert.False(PickleSniffer.LooksLikePickle([]));
        var random = new Random(7);
        var accepted = 0;
        for (var i = 0; i < 1000; i++)
        {
            var bytes = new byte[256];
            random.NextBytes(bytes);
            if (bytes[0] == 0x80)
            {
                continue;
            }

            accepted += PickleSniffer.LooksLikePickle(bytes) ? 1 : 0;
        }

        Assert.True(accepted <= 2, $"{accepted} random buffers accepted");
    }
}

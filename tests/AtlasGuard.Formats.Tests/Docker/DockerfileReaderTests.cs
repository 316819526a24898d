using AtlasGuard.Formats.Docker;

namespace AtlasGuard.Formats.Tests.Docker;

public class DockerfileReaderTests
{
    [Fact]
    public void Instructions_join_continuations_and_read_exec_form()
    {
        var instructions = DockerfileReader.Read("""
            # syntax=docker/dockerfile:1
            FROM python:3.12-slim AS base
            ENV A=1 \
                B="two words"
            EXPOSE 8265 6379/tcp
            CMD ["ray", "start", "--head", \
                 "--dashboard-host=0.0.0.0"]
            """);

        Assert.Equal(["FROM", "ENV", "EXPOSE", "CMD"], instructions.Select(i => i.Keyword));
        Assert.Equal(3, instructions[1].Line);
        Assert.Equal(["A=1", "B=two words"], instructions[1].Words);
        Assert.Equal(["ray", "start", "--head", "--dashboard-host=0.0.0.0"], instructions[3].ExecForm);
    }

    [Fact]
    public void A_broken_json_array_is_read_as_shell_form()
    {
        var instruction = Assert.Single(DockerfileReader.Read("CMD [\"tensorboard\", --bind_all"));

        Assert.Null(instruction.ExecForm);
        Assert.Contains("--bind_all", instruction.Words);
    }
}

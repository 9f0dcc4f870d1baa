using EntiGraph.Engine.Running;

namespace EntiGraph.TestKit.Stages;

/// <summary>numbers -> power -> total: small, fast stages that exercise every engine feature.</summary>
public static class TestPipeline
{
    public static Pipeline Create() => new([new NumbersStage(), new PowerStage(), new TotalStage()]);
}

namespace AtlasGuard.ThreatModel.Expressions.Evaluation;

/// <summary>What one evaluation carries: the host context and the step budget. One per call, never shared.</summary>
internal sealed class EvalState(IExpressionContext context, int maxSteps)
{
    private int _steps;

    public IExpressionContext Context { get; } = context;

    public void Step(int position) => Steps(1, position);

    public void Steps(int count, int position)
    {
        _steps += count;
        if (_steps > maxSteps)
        {
            throw new ExpressionEvaluationException(
                $"The evaluation took more than {maxSteps} steps (ExpressionLimits.MaxSteps).", position);
        }
    }
}

using Xunit.Abstractions;
using Xunit.Sdk;

namespace Engagement.IntegrationTests.Support;

/// <summary>Position of a test in a class whose tests build on one another (a shared cluster that one test breaks).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}

/// <summary>Runs a class's tests in <see cref="StepAttribute"/> order.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Engagement.IntegrationTests.Support.StepOrderer";
    public const string AssemblyName = "Engagement.IntegrationTests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => Order(t)).ToList();

    private static int Order(ITestCase testCase) =>
        testCase.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName!)
            .Select(a => (int)a.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue)
            .First();
}

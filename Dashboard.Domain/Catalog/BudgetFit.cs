namespace Dashboard.Domain.Catalog;

/// <summary>Where actual spend lies against a stage's budget range.</summary>
public enum BudgetFit
{
    /// <summary>Below the range: possibly under-provisioned.</summary>
    Under,

    /// <summary>Inside the range, ends included.</summary>
    Within,

    /// <summary>Above the range: possibly over-engineered or un-right-sized.</summary>
    Over,
}

namespace Dashboard.Domain.Business;

/// <summary>How urgently a burn-rate alert needs a human.</summary>
public enum AlertUrgency
{
    /// <summary>Wake someone now.</summary>
    Page,

    /// <summary>Handle within working hours.</summary>
    Ticket,
}

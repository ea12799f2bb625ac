namespace Daftar.Web.Features.People;

/// <summary>
/// What an employee still holds that an office must get back before relieving them (equipment, say). People owns this
/// interface and other areas implement it (ADR 0024), so ending a posting or leaving the service asks every area
/// without knowing them.
/// </summary>
public interface IRelievingCheck
{
    /// <summary>
    /// Short descriptions ("SECT-DOIT-0004 Laptop") of what stops relieving the employee from <paramref name="officeId"/>,
    /// or from the service when it is null; empty when nothing does.
    /// </summary>
    Task<IReadOnlyList<string>> StillHeldAsync(int employeeId, int? officeId, CancellationToken ct);

    /// <summary>Every check's answer, in one list.</summary>
    static async Task<IReadOnlyList<string>> AllAsync(IEnumerable<IRelievingCheck> checks, int employeeId, int? officeId, CancellationToken ct)
    {
        var held = new List<string>();
        foreach (var check in checks) held.AddRange(await check.StillHeldAsync(employeeId, officeId, ct));
        return held;
    }
}

using Daftar.Accounts;
using Daftar.Data;
using Daftar.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Generator;

/// <summary>
/// API tokens for the load generator on the demo organisation (<c>generate --scale demo --tokens FILE</c>): the demo
/// officers whose posts hold the most files, as the generator picks the busiest posts of a generated state. Only posts
/// in a section: the load diarises receipts, and a receipt (like a file) belongs to its diarist's section.
/// Each line is "token,employee code,post", the generator's format.
/// </summary>
public sealed class DemoLoadUsers(DaftarDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> IssueAsync(int count, CancellationToken ct)
    {
        var today = clock.Today();
        var held = await db.Files.GroupBy(f => f.HolderPostId).Select(g => new { PostId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.PostId, x => x.Count, ct);
        var officers = await (
            from a in db.Users
            join pa in db.PostAssignments on a.EmployeeId equals pa.EmployeeId
            where pa.Kind == ChargeKind.Primary && pa.From <= today && (pa.To == null || pa.To >= today) && pa.Employee.IsActive
                && pa.Post.SectionId != null
            select new { Account = a, pa.PostId, pa.Employee.Code }).ToListAsync(ct);
        var chosen = officers.GroupBy(o => o.Account.Id).Select(g => g.First())
            .OrderByDescending(o => held.GetValueOrDefault(o.PostId)).ThenBy(o => o.PostId).Take(count).ToList();
        var lines = new List<string>();
        foreach (var o in chosen)
        {
            var (token, secret) = ApiToken.Issue(o.Account, "load", clock.GetUtcNow(), null);
            db.ApiTokens.Add(token);
            lines.Add($"{secret},{o.Code},{o.PostId}");
        }
        await db.SaveChangesAsync(ct);
        return lines;
    }
}

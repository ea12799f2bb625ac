using System.Globalization;
using System.Security.Claims;
using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record HeldPost(int PostId, string Code, string TitleEn, string TitleHi, ChargeKind Kind, int? SectionId = null, int Level = 0);

/// <summary>The signed-in person as the office sees them: their employee record, the posts they hold today, and the post they act for.</summary>
public sealed record Officer(int AccountId, string UserName, int? EmployeeId, string NameEn, string NameHi, IReadOnlyList<HeldPost> Posts, HeldPost? ActingPost, bool IsAdministrator);

/// <summary>
/// Resolves the officer for the current request. Someone holding additional charge chooses which post they act
/// for; the choice is kept in a cookie and checked against today's postings on every request.
/// </summary>
public sealed class CurrentOfficer(IHttpContextAccessor http, DaftarDb db, TimeProvider clock, SignInCache cache)
{
    /// <summary>What is read once and kept a few seconds (<see cref="SignInCache"/>): the acting post is chosen per request.</summary>
    private sealed record Holder(int Id, string UserName, int? EmployeeId, string NameEn, string NameHi, IReadOnlyList<HeldPost> Posts);

    public const string ActingPostCookie = "daftar.acting-post";
    private Officer? _officer;
    private bool _loaded;

    public async Task<Officer?> GetAsync(CancellationToken ct = default)
    {
        if (_loaded) return _officer;
        _loaded = true;
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true) return null;
        if (!int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var accountId)) return null;

        var today = clock.Today();
        var key = (nameof(Holder), accountId, today);
        var readAt = cache.Generation;
        if (!cache.TryGet<Holder>(key, out var holder))
        {
            // One round trip: the account, its employee's names and the posts held today.
            var account = await db.Users.AsNoTracking().Where(a => a.Id == accountId)
                .Select(a => new
                {
                    a.Id,
                    a.UserName,
                    a.EmployeeId,
                    NameEn = a.Employee != null ? a.Employee.NameEn : a.UserName,
                    NameHi = a.Employee != null ? a.Employee.NameHi : a.UserName,
                    Held = db.PostAssignments
                        .Where(p => p.EmployeeId == a.EmployeeId && p.From <= today && (p.To == null || p.To >= today))
                        .Select(p => new
                        {
                            p.PostId,
                            p.Post.Code,
                            p.Kind,
                            p.Post.SectionId,
                            p.Post.Level,
                            DesEn = p.Post.Designation.NameEn,
                            DesHi = p.Post.Designation.NameHi,
                            OffEn = p.Post.Office.NameEn,
                            OffHi = p.Post.Office.NameHi,
                        }).ToList(),
                })
                .SingleOrDefaultAsync(ct);
            if (account is null) return null;
            holder = new Holder(account.Id, account.UserName ?? "", account.EmployeeId, account.NameEn ?? "", account.NameHi ?? "",
                account.Held.OrderBy(p => p.Kind).ThenBy(p => p.Code)
                    .Select(p => new HeldPost(p.PostId, p.Code, $"{p.DesEn}, {p.OffEn}", $"{p.DesHi}, {p.OffHi}", p.Kind, p.SectionId, p.Level))
                    .ToList());
            cache.Keep(key, holder, readAt);
        }
        var posts = holder.Posts;

        var chosen = http.HttpContext!.Request.Cookies[ActingPostCookie];
        var acting = posts.FirstOrDefault(p => p.PostId.ToString(CultureInfo.InvariantCulture) == chosen)
            ?? posts.FirstOrDefault(p => p.Kind == ChargeKind.Primary)
            ?? posts.FirstOrDefault();
        _officer = new Officer(holder.Id, holder.UserName, holder.EmployeeId, holder.NameEn, holder.NameHi, posts, acting, user.IsInRole(Daftar.Accounts.Roles.Administrator));
        return _officer;
    }
}

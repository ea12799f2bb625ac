namespace Daftar.People;

[Daftar.Audit.Audited]
public class Employee
{
    private Employee() { }

    public Employee(string code, string nameEn, string nameHi, string? email, string? mobile)
    {
        Code = code;
        Update(nameEn, nameHi, email, mobile);
        IsActive = true;
    }

    public int Id { get; private set; }
    /// <summary>The employee code from the state's HR master; also the sign-in name.</summary>
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    public string? Email { get; private set; }
    public string? Mobile { get; private set; }
    public bool IsActive { get; private set; }
    public string SearchKey { get; private set; } = "";
    private readonly List<PostAssignment> _assignments = [];
    public IReadOnlyList<PostAssignment> Assignments => _assignments;

    public void Update(string nameEn, string nameHi, string? email, string? mobile)
    {
        NameEn = nameEn;
        NameHi = nameHi;
        Email = email;
        Mobile = mobile;
        SearchKey = Text.SearchKey(Code, NameEn, NameHi, Email);
    }

    // A posting of an employee not yet saved has no key to compare, so compare the objects when they are there.
    private bool IsMine(PostAssignment a) => a.Employee is not null ? ReferenceEquals(a.Employee, this) : Id != 0 && a.EmployeeId == Id;

    public void SetActive(bool active) => IsActive = active;

    /// <summary>
    /// Puts the employee on a post from <paramref name="from"/>. A post has one primary holder at a time and an
    /// employee one primary post at a time; an earlier open-ended primary posting of this employee ends the day before.
    /// Additional charge may be held alongside.
    /// </summary>
    public PeopleError? AssignTo(Post post, ChargeKind kind, DateOnly from, DateOnly? to, IEnumerable<PostAssignment> postHolders)
    {
        if (to is { } end && end < from) return PeopleError.AssignmentEndsBeforeStart;
        if (!post.IsActive) return PeopleError.PostInactive;
        if (kind == ChargeKind.Primary)
        {
            var clash = postHolders.FirstOrDefault(a =>
                a.Kind == ChargeKind.Primary && !IsMine(a) && a.Overlaps(from, to));
            if (clash is not null) return PeopleError.PostAlreadyHeld;
            foreach (var current in Assignments.Where(a => a.Kind == ChargeKind.Primary && a.Overlaps(from, to)).ToList())
            {
                if (current.Post == post) return PeopleError.AlreadyHoldsPost;
                if (current.From >= from) return PeopleError.AssignmentOverlaps;
                current.End(from.AddDays(-1));
            }
        }
        else if (Assignments.Any(a => a.Post == post && a.Overlaps(from, to)))
        {
            return PeopleError.AlreadyHoldsPost;
        }
        _assignments.Add(new PostAssignment(this, post, kind, from, to));
        return null;
    }
}

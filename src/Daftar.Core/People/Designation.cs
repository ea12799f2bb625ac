namespace Daftar.People;

/// <summary>A designation such as "Deputy Secretary"; posts are designations placed in an office.</summary>
[Daftar.Audit.Audited]
public class Designation
{
    private Designation() { }

    public Designation(string code, string nameEn, string nameHi, int level)
    {
        Code = code;
        NameEn = nameEn;
        NameHi = nameHi;
        Level = level;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    /// <summary>Seniority: 1 is the most senior (Chief Secretary); larger numbers are further down.</summary>
    public int Level { get; private set; }

    public void Update(string nameEn, string nameHi, int level)
    {
        NameEn = nameEn;
        NameHi = nameHi;
        Level = level;
    }
}

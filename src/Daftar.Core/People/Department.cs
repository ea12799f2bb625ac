namespace Daftar.People;

[Daftar.Audit.Audited]
public class Department
{
    private Department() { }

    public Department(string code, string nameEn, string nameHi, string fileHead)
    {
        Code = code;
        NameEn = nameEn;
        NameHi = nameHi;
        FileHead = fileHead;
    }

    public int Id { get; private set; }
    /// <summary>Short code used in diary and file numbers, e.g. DOIT.</summary>
    public string Code { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    /// <summary>The abbreviation that appears in file numbers (F.12(3)/DOIT/GR-1/2026).</summary>
    public string FileHead { get; private set; } = "";

    public void Rename(string nameEn, string nameHi, string fileHead)
    {
        NameEn = nameEn;
        NameHi = nameHi;
        FileHead = fileHead;
    }
}

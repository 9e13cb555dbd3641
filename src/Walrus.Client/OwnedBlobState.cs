namespace Walrus.Client;

/// <summary>Where a blob object is in its life: registered (paid, not yet certified), certified, or past its end epoch.</summary>
public enum OwnedBlobState
{
    /// <summary>Registered and paid for, not certified: the upload did not finish (storing the file again resumes it).</summary>
    Registered = 0,

    /// <summary>Certified and before its end epoch: readable.</summary>
    Certified = 1,

    /// <summary>The current epoch is at or past its end epoch: the nodes no longer keep it.</summary>
    Expired = 2,
}

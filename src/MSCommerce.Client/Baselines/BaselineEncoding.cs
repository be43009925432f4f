using System;
using System.Text;

namespace MSCommerce.Client.Baselines
{
    /// <summary>
    /// The encodings a baseline may be saved in: UTF-8 (with or without a byte order mark), and UTF-16
    /// little or big endian with a byte order mark (what Windows PowerShell 5.1's Out-File and
    /// Set-Content -Encoding Unicode write). Anything else is refused as an encoding problem at the
    /// first byte that does not fit, rather than as broken JSON.
    /// </summary>
    internal static class BaselineEncoding
    {
        private const string SaveAsUtf8 = "Save it as UTF-8 (Set-Content -Encoding utf8), or as UTF-16 with a byte order mark.";

        /// <summary>The file's text as UTF-8, starting at <paramref name="offset"/> (past a byte order mark); a problem when its encoding is none of those read.</summary>
        public static byte[] ToUtf8(byte[] bytes, out int offset, out BaselineProblem? problem)
        {
            problem = null;
            offset = 0;
            if (StartsWith(bytes, 0xFF, 0xFE, 0x00, 0x00) || StartsWith(bytes, 0x00, 0x00, 0xFE, 0xFF))
            {
                problem = new BaselineProblem(1, 1, "", "The file's encoding is UTF-32, which a baseline cannot have. " + SaveAsUtf8);
                return bytes;
            }

            if (StartsWith(bytes, 0xFF, 0xFE) || StartsWith(bytes, 0xFE, 0xFF))
            {
                return FromUtf16(bytes, bigEndian: bytes[0] == 0xFE, out problem);
            }

            offset = StartsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
            var invalid = FirstInvalidUtf8(bytes, offset);
            if (invalid >= 0)
            {
                var (line, column) = Locate(bytes, invalid);
                var guess = bytes[invalid] == 0 ? "it looks like UTF-16 without a byte order mark" : $"byte 0x{bytes[invalid]:X2} is not UTF-8";
                problem = new BaselineProblem(line, column, "", $"The file's encoding is not one a baseline can have ({guess}): a baseline is UTF-8, or UTF-16 with a byte order mark. {SaveAsUtf8}");
                return bytes;
            }

            return bytes;
        }

        private static byte[] FromUtf16(byte[] bytes, bool bigEndian, out BaselineProblem? problem)
        {
            problem = null;
            try
            {
                var strict = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
                if ((bytes.Length - 2) % 2 != 0)
                {
                    throw new DecoderFallbackException("odd length");
                }

                return new UTF8Encoding(false).GetBytes(strict.GetString(bytes, 2, bytes.Length - 2));
            }
            catch (DecoderFallbackException)
            {
                var which = bigEndian ? "big" : "little";
                problem = new BaselineProblem(1, 1, "", $"The file's encoding is broken: it starts with the byte order mark of UTF-16 ({which} endian), but what follows is not UTF-16 text. {SaveAsUtf8}");
                return bytes;
            }
        }

        /// <summary>The index of the first byte that breaks UTF-8 (overlong forms, surrogates and values past U+10FFFF included), or -1.</summary>
        private static int FirstInvalidUtf8(byte[] bytes, int start)
        {
            var i = start;
            while (i < bytes.Length)
            {
                var lead = bytes[i];
                if (lead == 0)
                {
                    return i;
                }

                if (lead < 0x80)
                {
                    i++;
                    continue;
                }

                int length;
                byte low = 0x80, high = 0xBF;
                if (lead >= 0xC2 && lead <= 0xDF)
                {
                    length = 2;
                }
                else if (lead >= 0xE0 && lead <= 0xEF)
                {
                    length = 3;
                    low = lead == 0xE0 ? (byte)0xA0 : (byte)0x80;
                    high = lead == 0xED ? (byte)0x9F : (byte)0xBF;
                }
                else if (lead >= 0xF0 && lead <= 0xF4)
                {
                    length = 4;
                    low = lead == 0xF0 ? (byte)0x90 : (byte)0x80;
                    high = lead == 0xF4 ? (byte)0x8F : (byte)0xBF;
                }
                else
                {
                    return i;
                }

                if (i + length > bytes.Length || bytes[i + 1] < low || bytes[i + 1] > high)
                {
                    return i;
                }

                for (var next = i + 2; next < i + length; next++)
                {
                    if (bytes[next] < 0x80 || bytes[next] > 0xBF)
                    {
                        return i;
                    }
                }

                i += length;
            }

            return -1;
        }

        private static (int Line, int Column) Locate(byte[] bytes, int index)
        {
            var line = 1;
            var lineStart = 0;
            for (var i = 0; i < index; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, index - lineStart + 1);
        }

        private static bool StartsWith(byte[] bytes, params byte[] prefix)
        {
            if (bytes.Length < prefix.Length)
            {
                return false;
            }

            for (var i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}

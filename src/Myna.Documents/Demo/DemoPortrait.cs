using SkiaSharp;

namespace Myna.Documents.Demo;

/// <summary>
/// Portraits for the demo municipality's applications: a plain background, a head and shoulders
/// in simple shapes, 600×800 JPEG within the size rules of DOMAIN §4.3. Not a person: a stand-in
/// the window's photo check can be tried with.
/// </summary>
public static class DemoPortrait
{
    public static byte[] Jpeg(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(600, 800);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor((byte)random.Next(200, 235), (byte)random.Next(215, 240), (byte)random.Next(225, 250)));
            using var clothes = new SKPaint { Color = new SKColor((byte)random.Next(20, 90), (byte)random.Next(30, 90), (byte)random.Next(60, 140)), IsAntialias = true };
            canvas.DrawOval(300, 790, 250, 190, clothes);
            using var skin = new SKPaint { Color = new SKColor((byte)random.Next(215, 245), (byte)random.Next(180, 210), (byte)random.Next(150, 180)), IsAntialias = true };
            canvas.DrawRect(255, 470, 90, 120, skin);
            canvas.DrawOval(300, 360, 130 + random.Next(0, 20), 165 + random.Next(0, 20), skin);
            using var hair = new SKPaint { Color = new SKColor((byte)random.Next(10, 60), (byte)random.Next(10, 40), (byte)random.Next(5, 30)), IsAntialias = true };
            canvas.DrawArc(new SKRect(165, 185, 435, 420), 180, 180, true, hair);
            using var feature = new SKPaint { Color = new SKColor(60, 40, 30), IsAntialias = true, StrokeWidth = 5, Style = SKPaintStyle.Stroke };
            canvas.DrawCircle(250, 360, 9, feature);
            canvas.DrawCircle(350, 360, 9, feature);
            canvas.DrawLine(270, 440, 330, 440, feature);
            // Fine grain, as a camera gives: it also keeps the file above the 20 KB minimum.
            for (var i = 0; i < 40_000; i++)
            {
                var x = random.Next(600);
                var y = random.Next(800);
                var c = bitmap.GetPixel(x, y);
                var d = random.Next(-6, 7);
                bitmap.SetPixel(x, y, new SKColor((byte)Math.Clamp(c.Red + d, 0, 255), (byte)Math.Clamp(c.Green + d, 0, 255), (byte)Math.Clamp(c.Blue + d, 0, 255)));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 92);
        return data.ToArray();
    }
}
